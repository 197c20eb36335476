using System.Collections.Frozen;

namespace Yiju.Hotline.Domain;

public sealed record StatusLabel(string Zh, string En);

/// <summary>
/// City-specific wording for the fixed statuses. The mapping from status to
/// <see cref="LifecycleCategory"/> is fixed in code: reports, KPIs and Open311 depend on it.
/// </summary>
public sealed class StatusLabels
{
    public static StatusLabels Default { get; } = new(new Dictionary<TicketStatus, StatusLabel>
    {
        [TicketStatus.Accepted] = new("已受理", "Accepted"),
        [TicketStatus.Dispatched] = new("待签收", "Awaiting sign-for"),
        [TicketStatus.InHandling] = new("办理中", "In handling"),
        [TicketStatus.Returned] = new("已退单", "Returned"),
        [TicketStatus.InArbitration] = new("仲裁中", "In arbitration"),
        [TicketStatus.Replied] = new("待回访", "Awaiting callback"),
        [TicketStatus.Closed] = new("已办结", "Closed"),
        [TicketStatus.Merged] = new("已合并", "Merged as duplicate"),
    });

    private readonly FrozenDictionary<TicketStatus, StatusLabel> _labels;

    public StatusLabels(IReadOnlyDictionary<TicketStatus, StatusLabel> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var missing = Enum.GetValues<TicketStatus>().Where(s => !labels.ContainsKey(s)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"Every status needs a label; missing: {string.Join(", ", missing)}.", nameof(labels));
        }

        _labels = labels.ToFrozenDictionary();
    }

    /// <summary>A copy with one status relabelled, e.g. a city that says 待处理 for <see cref="TicketStatus.Dispatched"/>.</summary>
    public StatusLabels With(TicketStatus status, string zh, string en)
    {
        var copy = _labels.ToDictionary();
        copy[status] = new StatusLabel(zh, en);
        return new StatusLabels(copy);
    }

    public string LabelZh(TicketStatus status) => _labels[status].Zh;

    public string LabelEn(TicketStatus status) => _labels[status].En;

    public static LifecycleCategory CategoryOf(TicketStatus status) => status switch
    {
        TicketStatus.Accepted or TicketStatus.Returned or TicketStatus.InArbitration => LifecycleCategory.Open,
        TicketStatus.Dispatched or TicketStatus.InHandling => LifecycleCategory.InProgress,
        TicketStatus.Replied => LifecycleCategory.Answered,
        TicketStatus.Closed or TicketStatus.Merged => LifecycleCategory.Closed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown ticket status."),
    };

    /// <summary>GeoReport v2 knows only "open" and "closed".</summary>
    public static string Open311Status(TicketStatus status) =>
        CategoryOf(status) == LifecycleCategory.Closed ? "closed" : "open";
}
