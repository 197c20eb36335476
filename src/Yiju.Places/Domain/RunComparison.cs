namespace Yiju.Places.Domain;

/// <summary>One side's figures for an area, or null where that run has no row for it (the area or type was not in its inputs).</summary>
public sealed record CoverageFigure(double Population, double Covered, double CoveragePercent, double Access2Sfca);

/// <summary>
/// One area of one type in both runs. <see cref="DeltaPoints"/> is B − A in percentage points, null when either side
/// is missing. <see cref="StandardChanged"/> says the two runs measured the type against different distances, so a
/// difference is partly the standard's, not the city's.
/// </summary>
public sealed record ComparedCoverage(string TypeCode, string AreaLevel, string AreaCode, string AreaName, CoverageFigure? A, CoverageFigure? B,
    double? DeltaPoints, bool StandardChanged);

/// <summary>A parameter or input of the two runs side by side.</summary>
public sealed record ComparedSetting(string Name, string A, string B)
{
    public bool Differs => !string.Equals(A, B, StringComparison.Ordinal);
}

/// <summary>Compares the coverage rows of two saved runs, area by area, and their settings line by line.</summary>
public static class RunComparison
{
    public static IReadOnlyList<ComparedCoverage> Coverage(IEnumerable<CoverageRow> a, IEnumerable<CoverageRow> b,
        IReadOnlyDictionary<string, double> distancesA, IReadOnlyDictionary<string, double> distancesB)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        static (string, string, string) Key(CoverageRow r) => (r.FacilityTypeCode, r.AreaLevel, r.AreaCode);
        var left = a.ToDictionary(Key);
        var right = b.ToDictionary(Key);
        var result = new List<ComparedCoverage>(left.Count + right.Count);
        foreach (var key in left.Keys.Union(right.Keys))
        {
            left.TryGetValue(key, out var x);
            right.TryGetValue(key, out var y);
            var name = y?.AreaName ?? x!.AreaName;
            var fa = x is null ? null : new CoverageFigure(x.Population, x.Covered, x.CoveragePercent, x.Access2Sfca);
            var fb = y is null ? null : new CoverageFigure(y.Population, y.Covered, y.CoveragePercent, y.Access2Sfca);
            double? delta = fa is not null && fb is not null ? Math.Round(fb.CoveragePercent - fa.CoveragePercent, 6) : null;
            var changed = distancesA.TryGetValue(key.Item1, out var da) && distancesB.TryGetValue(key.Item1, out var db) && da != db;
            result.Add(new ComparedCoverage(key.Item1, key.Item2, key.Item3, name, fa, fb, delta, changed));
        }

        return result
            .OrderBy(r => r.TypeCode, StringComparer.Ordinal)
            .ThenBy(r => LevelOrder(r.AreaLevel))
            .ThenBy(r => r.AreaCode, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The settings of two runs, in the order given, with those that differ marked.</summary>
    public static IReadOnlyList<ComparedSetting> Settings(IReadOnlyList<(string Name, string Value)> a, IReadOnlyList<(string Name, string Value)> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var right = b.ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        var rows = a.Select(s => new ComparedSetting(s.Name, s.Value, right.GetValueOrDefault(s.Name, "—"))).ToList();
        var seen = a.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        rows.AddRange(b.Where(s => !seen.Contains(s.Name)).Select(s => new ComparedSetting(s.Name, "—", s.Value)));
        return rows;
    }

    private static int LevelOrder(string level) => level switch
    {
        "city" => 0,
        "district" => 1,
        _ => 2,
    };
}
