using Yiju.Kernel.Auditing;

namespace Yiju.Places.Domain;

/// <summary>One saved analysis: its inputs and parameters (JSON), its summary result (JSON), and coverage rows.</summary>
public sealed class AnalysisRun
{
    public long Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public long NetworkId { get; set; }
    public required string StartedBy { get; set; }
    public required string ParametersJson { get; set; }
    public required string InputsJson { get; set; }
    public required string ResultJson { get; set; }

    /// <summary>The facility types (<see cref="TypeSnapshot"/>) the run measured against; "[]" for runs saved before types were kept.</summary>
    public string TypesJson { get; set; } = "[]";

    /// <summary>True when any population figure used was an estimate from OSM rather than loaded census data.</summary>
    public bool UsesEstimatedPopulation { get; set; }
}

/// <summary>Coverage of one facility type in one area (city, district or street) in one run: derived rows, not audited.</summary>
[NotAudited]
public sealed class CoverageRow
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public required string FacilityTypeCode { get; set; }

    /// <summary>"city", "district" or "street".</summary>
    public required string AreaLevel { get; set; }

    public required string AreaCode { get; set; }
    public required string AreaName { get; set; }
    public double Population { get; set; }
    public double Covered { get; set; }

    /// <summary>Covered / Population × 100; 0 when nobody of the group lives there.</summary>
    public double CoveragePercent { get; set; }

    /// <summary>Mean 2SFCA accessibility (capacity per person of the group), population-weighted.</summary>
    public double Access2Sfca { get; set; }

    /// <summary>The same with the distance-decay (E2SFCA) weights.</summary>
    public double AccessDecay { get; set; }
}
