namespace Yiju.Routing.Geodesy;

/// <summary>
/// Distances on the WGS84 ellipsoid. PostGIS's ST_Length(geography), which osm2pgrouting uses for
/// length_m, measures the spheroid geodesic; Vincenty's inverse solution (Survey Review 23(176),
/// 1975) gives the same value to well under a millimetre for street segments. It fails to converge
/// only for nearly antipodal points, where we fall back to the spherical great circle (never the
/// case inside a city).
/// </summary>
public static class Geodesic
{
    public const double SemiMajorAxis = 6_378_137.0;
    public const double Flattening = 1 / 298.257223563;
    private const double SemiMinorAxis = SemiMajorAxis * (1 - Flattening);
    private const double DegreesToRadians = Math.PI / 180;

    /// <summary>Geodesic distance in metres between two points given in degrees.</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        if (lat1 == lat2 && lon1 == lon2)
        {
            return 0;
        }

        const double f = Flattening;
        var l = (lon2 - lon1) * DegreesToRadians;
        var u1 = Math.Atan((1 - f) * Math.Tan(lat1 * DegreesToRadians));
        var u2 = Math.Atan((1 - f) * Math.Tan(lat2 * DegreesToRadians));
        var (sinU1, cosU1) = Math.SinCos(u1);
        var (sinU2, cosU2) = Math.SinCos(u2);
        var lambda = l;
        for (var iteration = 0; iteration < 200; iteration++)
        {
            var (sinLambda, cosLambda) = Math.SinCos(lambda);
            var a = cosU2 * sinLambda;
            var b = (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda);
            var sinSigma = Math.Sqrt((a * a) + (b * b));
            if (sinSigma == 0)
            {
                return 0;
            }

            var cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            var sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            var cosSqAlpha = 1 - (sinAlpha * sinAlpha);
            var cos2SigmaM = cosSqAlpha != 0 ? cosSigma - (2 * sinU1 * sinU2 / cosSqAlpha) : 0;
            var c = f / 16 * cosSqAlpha * (4 + (f * (4 - (3 * cosSqAlpha))));
            var previous = lambda;
            lambda = l + ((1 - c) * f * sinAlpha
                * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            if (Math.Abs(lambda - previous) < 1e-12)
            {
                const double aSq = SemiMajorAxis * SemiMajorAxis;
                const double bSq = SemiMinorAxis * SemiMinorAxis;
                var uSq = cosSqAlpha * (aSq - bSq) / bSq;
                var bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
                var bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));
                var deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
                    - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
                return SemiMinorAxis * bigA * (sigma - deltaSigma);
            }
        }

        return GreatCircle(lat1, lon1, lat2, lon2);
    }

    private static double GreatCircle(double lat1, double lon1, double lat2, double lon2)
    {
        const double meanRadius = 6_371_008.8;
        var dLat = (lat2 - lat1) * DegreesToRadians;
        var dLon = (lon2 - lon1) * DegreesToRadians;
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(lat1 * DegreesToRadians) * Math.Cos(lat2 * DegreesToRadians) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * meanRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}
