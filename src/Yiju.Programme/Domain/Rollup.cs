namespace Yiju.Programme.Domain;

public sealed record DistrictFigure(string DistrictCode, double Value, double? Numerator, double? Denominator);

public sealed record CityRollup(double Value, double? Numerator, double? Denominator, int DistrictsReported);

/// <summary>How district figures make the city figure, following the indicator's <see cref="DistrictRollup"/>.</summary>
public static class Rollup
{
    /// <summary>Null when the indicator does not roll up, there are no figures, or a rate lacks its parts.</summary>
    public static CityRollup? ToCity(DistrictRollup rollup, IReadOnlyCollection<DistrictFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (figures.Count == 0)
        {
            return null;
        }

        switch (rollup)
        {
            case DistrictRollup.Sum:
                return new CityRollup(figures.Sum(f => f.Value), null, null, figures.Count);
            case DistrictRollup.NumeratorDenominator:
                if (figures.Any(f => f.Numerator is null || f.Denominator is null))
                {
                    return null;
                }

                var n = figures.Sum(f => f.Numerator!.Value);
                var d = figures.Sum(f => f.Denominator!.Value);
                return d == 0 ? null : new CityRollup(n / d * 100, n, d, figures.Count);
            case DistrictRollup.None:
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(rollup));
        }
    }
}
