using Yiju.Routing.Graph;
using Yiju.Routing.Paths;

namespace Yiju.Places.Domain;

public sealed record FacilityInput(long Id, string TypeCode, string Name, double Latitude, double Longitude, double? Capacity);

public sealed record PopulationInput(long Id, double Latitude, double Longitude, AgeCounts Counts, string? DistrictCode, string? StreetCode,
    string? DistrictName = null, string? StreetName = null);

/// <summary>
/// Analysis settings. <see cref="MaxSnapDistance"/>: a facility or home farther than this from every walkable edge is
/// flagged and left out, never moved. <see cref="SuggestCount"/>: new sites to suggest per type.
/// <see cref="CandidateLimit"/>: how many candidate sites per type the greedy search considers.
/// </summary>
public sealed record AnalysisParameters(double MaxSnapDistance = 200, int SuggestCount = 3, int CandidateLimit = 300, int GapListLength = 20)
{
    /// <summary>
    /// Distance-decay weights of the enhanced 2SFCA (Luo &amp; Qi 2009): the catchment is cut into three equal rings
    /// (0–⅓, ⅓–⅔, ⅔–1 of the standard distance) weighted 1.00, 0.68 and 0.22 (their Gaussian steps).
    /// </summary>
    public static IReadOnlyList<double> DecayWeights { get; } = [1.00, 0.68, 0.22];
}

public sealed record FlaggedPoint(long Id, string Name, string Status, double Distance);

public sealed record AreaCoverage(string AreaLevel, string AreaCode, string AreaName, double Population, double Covered, double CoveragePercent, double Access2Sfca, double AccessDecay);

public sealed record GapEntry(long PopulationUnitId, double Latitude, double Longitude, double People, double Distance, string? DistrictCode, string? StreetCode);

public sealed record SuggestedSite(int Rank, double Latitude, double Longitude, double AddedPeople, string? DistrictCode, string? StreetCode);

public sealed record FacilitySupply(long FacilityId, double Capacity, double Ratio2Sfca, double RatioDecay);

public sealed record TypeResult(
    string TypeCode,
    double StandardDistance,
    int Facilities,
    IReadOnlyList<AreaCoverage> Areas,
    IReadOnlyList<GapEntry> Gaps,
    IReadOnlyList<SuggestedSite> Suggestions,
    IReadOnlyList<FacilitySupply> Supply);

public sealed record AccessibilityResult(
    IReadOnlyList<TypeResult> Types,
    IReadOnlyList<FlaggedPoint> FlaggedFacilities,
    int UnreachableUnits,
    double UnreachablePeople);

/// <summary>
/// The life-circle analysis on the walking network: for every residential unit and facility type, the network
/// distance to the nearest facility (one multi-source search per type), coverage per city, district and street,
/// 2SFCA supply/demand ratios (plain and with distance decay), a gap list and greedy maximal-coverage sites.
/// Distances are the walk along the network plus the home's straight walk onto it (<see cref="SnapResult.Distance"/>);
/// the facility's own access leg is not added.
/// </summary>
public sealed class AccessibilityAnalysis(WalkGraph graph, EdgeSnapper snapper)
{
    public AccessibilityResult Run(
        IReadOnlyList<FacilityType> types,
        IReadOnlyList<FacilityInput> facilities,
        IReadOnlyList<PopulationInput> population,
        AnalysisParameters parameters,
        IProgress<(string Stage, double Fraction)>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(facilities);
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(parameters);

        progress?.Report(("snap", 0));
        var flagged = new List<FlaggedPoint>();
        var facilitySnaps = new Dictionary<long, SnapResult>();
        foreach (var f in facilities)
        {
            var snap = snapper.Snap(f.Latitude, f.Longitude, parameters.MaxSnapDistance);
            if (snap.IsSnapped)
                facilitySnaps[f.Id] = snap;
            else
                flagged.Add(new FlaggedPoint(f.Id, f.Name, snap.Status.ToString(), snap.Distance));
        }

        var homes = new SnapResult[population.Count];
        var unreachable = 0;
        var unreachablePeople = 0.0;
        for (var i = 0; i < population.Count; i++)
        {
            homes[i] = snapper.Snap(population[i].Latitude, population[i].Longitude, parameters.MaxSnapDistance);
            if (!homes[i].IsSnapped)
            {
                unreachable++;
                unreachablePeople += population[i].Counts.Total;
            }
        }

        var byCode = types.ToDictionary(t => t.Code, StringComparer.Ordinal);
        var results = new List<TypeResult>();
        var distance = new double[graph.VertexCount];
        var label = new int[graph.VertexCount];
        for (var ti = 0; ti < types.Count; ti++)
        {
            var type = types[ti];
            progress?.Report((type.Code, (double)ti / types.Count));
            var serving = facilities
                .Where(f => facilitySnaps.ContainsKey(f.Id) && byCode.TryGetValue(f.TypeCode, out var ft) && Serves(ft, type))
                .ToList();
            results.Add(AnalyseType(type, serving, facilitySnaps, population, homes, parameters, distance, label));
        }

        progress?.Report(("done", 1));
        return new AccessibilityResult(results, flagged, unreachable, unreachablePeople);
    }

    /// <summary>A facility serves its own type, and in a family (parks) every lower level's circle too.</summary>
    public static bool Serves(FacilityType facilityType, FacilityType analysed) =>
        facilityType.Code == analysed.Code
        || (facilityType.Family is not null && facilityType.Family == analysed.Family && facilityType.Level >= analysed.Level);

    private TypeResult AnalyseType(
        FacilityType type,
        List<FacilityInput> serving,
        Dictionary<long, SnapResult> facilitySnaps,
        IReadOnlyList<PopulationInput> population,
        SnapResult[] homes,
        AnalysisParameters parameters,
        double[] distance,
        int[] label)
    {
        var standard = type.WalkingDistance;
        var group = type.TargetGroup;

        // Nearest facility for every home: one multi-source search.
        var nearest = new double[population.Count];
        Array.Fill(nearest, double.PositiveInfinity);
        if (serving.Count > 0)
        {
            var sources = new SnappedSources(graph, serving.Select((f, i) => (facilitySnaps[f.Id], i)));
            var search = sources.Search(standard * 4);
            for (var i = 0; i < population.Count; i++)
            {
                if (homes[i].IsSnapped)
                    nearest[i] = sources.NearestTo(homes[i], search).Distance + homes[i].Distance;
            }
        }

        // 2SFCA: step 1, each facility's supply ratio over the demand within its catchment; step 2, each home sums the
        // ratios of facilities within reach. Both plain (weight 1) and with the decay weights.
        var access = new double[population.Count];
        var accessDecay = new double[population.Count];
        var supply = new List<FacilitySupply>(serving.Count);
        var reach = new List<(int Home, double Distance)>();
        foreach (var f in serving)
        {
            var snap = facilitySnaps[f.Id];
            ShortestPaths.NearestSource(graph, snap.ToSources(graph, 0), standard, distance, label);
            reach.Clear();
            double demand = 0, demandDecay = 0;
            for (var i = 0; i < population.Count; i++)
            {
                if (!homes[i].IsSnapped)
                    continue;
                var d = HomeDistance(homes[i], snap, distance);
                if (d > standard)
                    continue;
                reach.Add((i, d));
                var people = population[i].Counts.For(group);
                demand += people;
                demandDecay += people * Weight(d, standard);
            }

            var capacity = f.Capacity ?? type.DefaultCapacity;
            var ratio = demand > 0 ? capacity / demand : 0;
            var ratioDecay = demandDecay > 0 ? capacity / demandDecay : 0;
            foreach (var (home, d) in reach)
            {
                access[home] += ratio;
                accessDecay[home] += ratioDecay * Weight(d, standard);
            }

            supply.Add(new FacilitySupply(f.Id, capacity, ratio, ratioDecay));
        }

        var areas = Aggregate(population, group, standard, nearest, access, accessDecay);
        var gaps = Enumerable.Range(0, population.Count)
            .Where(i => nearest[i] > standard && population[i].Counts.For(group) > 0)
            .OrderByDescending(i => population[i].Counts.For(group))
            .ThenBy(i => population[i].Id)
            .Take(parameters.GapListLength)
            .Select(i => new GapEntry(population[i].Id, population[i].Latitude, population[i].Longitude, population[i].Counts.For(group),
                double.IsPositiveInfinity(nearest[i]) ? -1 : nearest[i], population[i].DistrictCode, population[i].StreetCode))
            .ToList();
        var suggestions = SuggestSites(population, homes, nearest, group, standard, parameters, distance, label);
        return new TypeResult(type.Code, standard, serving.Count, areas, gaps, suggestions, supply);
    }

    /// <summary>Distance from a snapped home to a facility after a search from that facility, including the same-edge case.</summary>
    private double HomeDistance(SnapResult home, SnapResult facility, double[] distance)
    {
        var viaFrom = distance[graph.EdgeFrom(home.Edge)] + home.Offset;
        var viaTo = distance[graph.EdgeTo(home.Edge)] + Math.Max(0, graph.EdgeLength(home.Edge) - home.Offset);
        var d = Math.Min(viaFrom, viaTo);
        if (home.Edge == facility.Edge)
            d = Math.Min(d, Math.Abs(home.Offset - facility.Offset));
        return d + home.Distance;
    }

    /// <summary>The enhanced-2SFCA step weight for a distance within the catchment.</summary>
    public static double Weight(double d, double standard)
    {
        var weights = AnalysisParameters.DecayWeights;
        var ring = Math.Min(weights.Count - 1, (int)(d / standard * weights.Count));
        return weights[ring];
    }

    private static List<AreaCoverage> Aggregate(IReadOnlyList<PopulationInput> population, AgeGroup group, double standard,
        double[] nearest, double[] access, double[] accessDecay)
    {
        var sums = new Dictionary<(string Level, string Code), double[]>();
        var names = new Dictionary<(string Level, string Code), string>();
        void Add(string level, string code, string? name, double people, bool covered, double a, double ad)
        {
            if (name is not null)
                names[(level, code)] = name;
            if (!sums.TryGetValue((level, code), out var s))
                sums[(level, code)] = s = new double[4];
            s[0] += people;
            s[1] += covered ? people : 0;
            s[2] += people * a;
            s[3] += people * ad;
        }

        for (var i = 0; i < population.Count; i++)
        {
            var p = population[i];
            var people = p.Counts.For(group);
            var covered = nearest[i] <= standard;
            Add("city", "city", null, people, covered, access[i], accessDecay[i]);
            if (p.DistrictCode is not null)
                Add("district", p.DistrictCode, p.DistrictName, people, covered, access[i], accessDecay[i]);
            if (p.StreetCode is not null)
                Add("street", p.StreetCode, p.StreetName, people, covered, access[i], accessDecay[i]);
        }

        return sums
            .OrderBy(kv => kv.Key.Level, StringComparer.Ordinal).ThenBy(kv => kv.Key.Code, StringComparer.Ordinal)
            .Select(kv => new AreaCoverage(kv.Key.Level, kv.Key.Code, names.GetValueOrDefault(kv.Key, kv.Key.Code), kv.Value[0], kv.Value[1],
                kv.Value[0] > 0 ? kv.Value[1] / kv.Value[0] * 100 : 0,
                kv.Value[0] > 0 ? kv.Value[2] / kv.Value[0] : 0,
                kv.Value[0] > 0 ? kv.Value[3] / kv.Value[0] : 0))
            .ToList();
    }

    /// <summary>
    /// Greedy maximal coverage: candidates are the uncovered homes with the most people of the group (a site where
    /// people already live is a place a facility can reach them from; planners can then look for land nearby). Each
    /// round picks the candidate whose catchment adds the most still-uncovered people. Greedy is within 1 − 1/e of the
    /// optimum for this problem (Nemhauser, Wolsey &amp; Fisher 1978).
    /// </summary>
    private List<SuggestedSite> SuggestSites(IReadOnlyList<PopulationInput> population, SnapResult[] homes, double[] nearest,
        AgeGroup group, double standard, AnalysisParameters parameters, double[] distance, int[] label)
    {
        if (parameters.SuggestCount <= 0)
            return [];
        var uncovered = new bool[population.Count];
        for (var i = 0; i < population.Count; i++)
            uncovered[i] = homes[i].IsSnapped && nearest[i] > standard && population[i].Counts.For(group) > 0;
        var candidates = Enumerable.Range(0, population.Count).Where(i => uncovered[i])
            .OrderByDescending(i => population[i].Counts.For(group)).ThenBy(i => population[i].Id)
            .Take(parameters.CandidateLimit).ToList();
        var covers = new List<int[]>(candidates.Count);
        foreach (var c in candidates)
        {
            ShortestPaths.NearestSource(graph, homes[c].ToSources(graph, 0), standard, distance, label);
            var reached = new List<int>();
            for (var i = 0; i < population.Count; i++)
            {
                if (uncovered[i] && HomeDistance(homes[i], homes[c], distance) <= standard)
                    reached.Add(i);
            }

            covers.Add([.. reached]);
        }

        var sites = new List<SuggestedSite>();
        var picked = new bool[candidates.Count];
        for (var round = 0; round < parameters.SuggestCount; round++)
        {
            var best = -1;
            var bestGain = 0.0;
            for (var c = 0; c < candidates.Count; c++)
            {
                if (picked[c])
                    continue;
                var gain = covers[c].Where(i => uncovered[i]).Sum(i => population[i].Counts.For(group));
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = c;
                }
            }

            if (best < 0)
                break;
            picked[best] = true;
            foreach (var i in covers[best])
                uncovered[i] = false;
            var at = population[candidates[best]];
            sites.Add(new SuggestedSite(round + 1, homes[candidates[best]].Latitude, homes[candidates[best]].Longitude, bestGain, at.DistrictCode, at.StreetCode));
        }

        return sites;
    }
}
