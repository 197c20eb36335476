namespace Yiju.Kernel.Geo;

/// <summary>
/// China's GCJ-02 datum offset, as published (the "eviltransform" constants: Krasovsky 1940 semi-major axis
/// and eccentricity). Maps from Chinese providers (AutoNavi, DataV) are in GCJ-02; OpenStreetMap is WGS84.
/// The forward transform is explicit; the inverse is solved by fixed-point iteration to below a millimetre.
/// </summary>
public static class Gcj02
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;

    public static GeoPoint FromWgs84(GeoPoint wgs)
    {
        if (OutsideChina(wgs))
            return wgs;
        var (dLat, dLon) = Delta(wgs.Latitude, wgs.Longitude);
        return new GeoPoint(wgs.Latitude + dLat, wgs.Longitude + dLon);
    }

    public static GeoPoint ToWgs84(GeoPoint gcj)
    {
        if (OutsideChina(gcj))
            return gcj;
        var guess = gcj;
        for (var i = 0; i < 30; i++)
        {
            var forward = FromWgs84(guess);
            var errLat = forward.Latitude - gcj.Latitude;
            var errLon = forward.Longitude - gcj.Longitude;
            guess = new GeoPoint(guess.Latitude - errLat, guess.Longitude - errLon);
            if (Math.Abs(errLat) < 1e-10 && Math.Abs(errLon) < 1e-10)
                break;
        }
        return guess;
    }

    private static bool OutsideChina(GeoPoint p) =>
        p.Longitude < 72.004 || p.Longitude > 137.8347 || p.Latitude < 0.8293 || p.Latitude > 55.8271;

    private static (double dLat, double dLon) Delta(double lat, double lon)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var dLat = TransformLat(x, y);
        var dLon = TransformLon(x, y);
        var radLat = lat / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - (Ee * magic * magic);
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLon);
    }

    private static double TransformLat(double x, double y)
    {
        var ret = -100.0 + (2.0 * x) + (3.0 * y) + (0.2 * y * y) + (0.1 * x * y) + (0.2 * Math.Sqrt(Math.Abs(x)));
        ret += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        ret += ((20.0 * Math.Sin(y * Math.PI)) + (40.0 * Math.Sin(y / 3.0 * Math.PI))) * 2.0 / 3.0;
        ret += ((160.0 * Math.Sin(y / 12.0 * Math.PI)) + (320 * Math.Sin(y * Math.PI / 30.0))) * 2.0 / 3.0;
        return ret;
    }

    private static double TransformLon(double x, double y)
    {
        var ret = 300.0 + x + (2.0 * y) + (0.1 * x * x) + (0.1 * x * y) + (0.1 * Math.Sqrt(Math.Abs(x)));
        ret += ((20.0 * Math.Sin(6.0 * x * Math.PI)) + (20.0 * Math.Sin(2.0 * x * Math.PI))) * 2.0 / 3.0;
        ret += ((20.0 * Math.Sin(x * Math.PI)) + (40.0 * Math.Sin(x / 3.0 * Math.PI))) * 2.0 / 3.0;
        ret += ((150.0 * Math.Sin(x / 12.0 * Math.PI)) + (300.0 * Math.Sin(x / 30.0 * Math.PI))) * 2.0 / 3.0;
        return ret;
    }
}
