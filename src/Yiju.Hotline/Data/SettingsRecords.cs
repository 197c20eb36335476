using Yiju.Hotline.Domain;
using Yiju.Kernel.Auditing;

namespace Yiju.Hotline.Data;

/// <summary>A standard answer (知识库条目) the centre maintains; every edit bumps <see cref="Version"/> and adds a <see cref="KnowledgeRevision"/>.</summary>
public sealed class KnowledgeEntry : IVersioned
{
    public long Id { get; set; }
    public string CategoryCode { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Answer { get; set; } = string.Empty;
    /// <summary>The policy or document the answer rests on (文件名、文号、条款或网址).</summary>
    public string Source { get; set; } = string.Empty;
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; } = 1;
    public DateTime UpdatedAtUtc { get; set; }
    public string UpdatedBy { get; set; } = string.Empty;

    public KnowledgeCandidate ToCandidate() => new(Id, CategoryCode, Title, Answer, ValidFrom, ValidTo, IsActive);
}

/// <summary>One saved state of a knowledge-base entry, kept so that a ticket citing revision n can still show what it said.</summary>
public sealed class KnowledgeRevision
{
    public long Id { get; set; }
    public long EntryId { get; set; }
    public int Revision { get; set; }
    public string CategoryCode { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Answer { get; set; } = string.Empty;
    public string Source { get; set; } = string.Empty;
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public bool IsActive { get; set; }
    public DateTime EditedAtUtc { get; set; }
    public string EditedBy { get; set; } = string.Empty;
}

/// <summary>One day's calls from the telephony system (话务量): offered (呼入) and answered (接通), recorded or imported by the centre.</summary>
public sealed class CallCountDay : IVersioned
{
    public DateOnly Day { get; set; }
    public int Offered { get; set; }
    public int Answered { get; set; }
    public int Version { get; set; } = 1;
    public DateTime RecordedAtUtc { get; set; }
    public string RecordedBy { get; set; } = string.Empty;
}

/// <summary>A deadline rule as stored and edited by the centre; <see cref="ToRule"/> gives the domain's <see cref="DeadlineRule"/>.</summary>
public sealed class DeadlineRuleRow : IVersioned
{
    public long Id { get; set; }
    public TicketType? Type { get; set; }
    public string? CategoryCode { get; set; }
    public Urgency? Urgency { get; set; }
    public int SignForAmount { get; set; }
    public DeadlineUnit SignForUnit { get; set; }
    public int HandlingAmount { get; set; }
    public DeadlineUnit HandlingUnit { get; set; }
    public int RemindBeforeSignForMinutes { get; set; }
    public int RemindBeforeHandlingMinutes { get; set; }
    public DeadlineStart StartsAt { get; set; } = DeadlineStart.Dispatch;
    public int Version { get; set; } = 1;

    public DeadlineRule ToRule() => new(Type, CategoryCode, Urgency, new DeadlineSpan(SignForAmount, SignForUnit), new DeadlineSpan(HandlingAmount, HandlingUnit),
        TimeSpan.FromMinutes(RemindBeforeSignForMinutes), TimeSpan.FromMinutes(RemindBeforeHandlingMinutes), StartsAt);

    public static DeadlineRuleRow From(DeadlineRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new DeadlineRuleRow
        {
            Type = rule.Type,
            CategoryCode = rule.CategoryCode,
            Urgency = rule.Urgency,
            SignForAmount = rule.SignFor.Amount,
            SignForUnit = rule.SignFor.Unit,
            HandlingAmount = rule.Handling.Amount,
            HandlingUnit = rule.Handling.Unit,
            RemindBeforeSignForMinutes = (int)rule.RemindBeforeSignFor.TotalMinutes,
            RemindBeforeHandlingMinutes = (int)rule.RemindBeforeHandling.TotalMinutes,
            StartsAt = rule.StartsAt,
        };
    }
}

/// <summary>One published version of the composite-score weights. Versions are only ever added, never edited, so a published ranking keeps its meaning.</summary>
public sealed class KpiWeightsRow
{
    public int Version { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public double Response { get; set; }
    public double Resolution { get; set; }
    public double Satisfaction { get; set; }
    public double OnTimeClosing { get; set; }
    public double BasicallySatisfiedCredit { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = string.Empty;

    public KpiWeights ToWeights() => new(Version, EffectiveFrom, Response, Resolution, Satisfaction, OnTimeClosing, BasicallySatisfiedCredit);
}

/// <summary>The city's wording for one fixed status; the lifecycle category it maps to stays fixed in code.</summary>
public sealed class StatusLabelRow : IVersioned
{
    public TicketStatus Status { get; set; }
    public string LabelZh { get; set; } = string.Empty;
    public string LabelEn { get; set; } = string.Empty;
    public int Version { get; set; } = 1;
}
