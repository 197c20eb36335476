namespace Yiju.Programme.Domain;

/// <summary>A city programme such as 《哈尔滨市打造"宜居幸福之都"实施方案(2022—2026年)》.</summary>
public sealed class CityProgramme
{
    public long Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>First year of the plan period (inclusive).</summary>
    public int StartYear { get; set; }

    /// <summary>Last year of the plan period (inclusive).</summary>
    public int EndYear { get; set; }

    public List<Home> Homes { get; set; } = [];

    public long Version { get; set; }

    public IEnumerable<Goal> Goals => Homes.SelectMany(h => h.Goals);

    public IEnumerable<ProgrammeTask> Tasks => Goals.SelectMany(g => g.Tasks);

    public IEnumerable<Indicator> Indicators => Tasks.SelectMany(t => t.Indicators);

    public Indicator? FindIndicator(string code) =>
        Indicators.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));
}

/// <summary>One of the six homes (家园).</summary>
public sealed class Home
{
    public long Id { get; set; }

    public long ProgrammeId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }

    public List<Goal> Goals { get; set; } = [];

    public long Version { get; set; }
}

public sealed class Goal
{
    public long Id { get; set; }

    public long HomeId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }

    public List<ProgrammeTask> Tasks { get; set; } = [];

    public long Version { get; set; }
}

/// <summary>A task (任务); named so as not to clash with System.Threading.Tasks.Task.</summary>
public sealed class ProgrammeTask
{
    public long Id { get; set; }

    public long GoalId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public int SortOrder { get; set; }

    /// <summary>牵头单位, or null where no source names one (none is inferred).</summary>
    public string? LeadDepartment { get; set; }

    /// <summary>配合单位.</summary>
    public List<string> SupportingDepartments { get; set; } = [];

    /// <summary>Documents the task was taken from, main source first.</summary>
    public List<string> SourceDocuments { get; set; } = [];

    public List<Indicator> Indicators { get; set; } = [];

    public long Version { get; set; }

    public bool IsLedBy(string department) =>
        string.Equals(LeadDepartment, department, StringComparison.Ordinal)
        || SupportingDepartments.Contains(department, StringComparer.Ordinal);
}
