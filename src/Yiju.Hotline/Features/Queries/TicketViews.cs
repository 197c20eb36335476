using Yiju.Hotline.Domain;
using Yiju.Kernel.Calendar;

namespace Yiju.Hotline.Features.Queries;

public sealed record TimelineEntry(int Sequence, DateTimeOffset At, string Action, string ActionLabel, string ActorName, string ActorRole,
    string FromStatus, string ToStatus, long? FromUnitId, long? ToUnitId, string? Note);

public sealed record ActionOption(string Action, string Label);

/// <summary>A ticket as staff see it; the phone is masked for roles that need not call the citizen.</summary>
public sealed record TicketView(
    Guid Id, string Number, int Version, string Type, string TypeLabel, string Channel, string Urgency, string CategoryCode, string? CategoryName,
    string? CallerName, string? CallerPhone, bool PhoneMasked, string? Title, string OriginalText, string Text, string? Address,
    double? Latitude, double? Longitude, long? DistrictId, long? StreetId,
    string Status, string StatusLabel, string Lifecycle, string? CurrentUnitKind, long? CurrentUnitId, string? CurrentUnitName,
    DateTimeOffset AcceptedAt, DateTimeOffset? SignForDue, DateTimeOffset? SignedForAt, DateTimeOffset? HandlingDue, DateTimeOffset? RepliedAt,
    string? ReplyText, DateTimeOffset? ClosedAt, bool? CallbackResolved, string? CallbackSatisfaction, bool ExtensionPending,
    DateTimeOffset? ExtensionRequestedDue, string? ExtensionReason, int ReturnCount, string? LastReturnReason, int ReopenCount,
    string DeadlineState, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<ActionOption> Actions,
    bool Escalated = false, DateTimeOffset? DecisionDue = null, DateTimeOffset? PetitionAcceptedAt = null, bool PetitionDeclined = false, int ReviewCount = 0);

/// <summary>One line of a work queue or callback queue.</summary>
public sealed record TicketRow(
    Guid Id, string Number, int Version, string TypeLabel, string Urgency, string CategoryCode, string StatusLabel, string Status,
    string? CurrentUnitName, string? CallerName, string? CallerPhone, string Excerpt, DateTimeOffset AcceptedAt,
    DateTimeOffset? SignForDue, DateTimeOffset? HandlingDue, string DeadlineState, bool ExtensionPending);

public static class TicketMapping
{
    public static string TypeLabel(TicketType type) => type switch
    {
        TicketType.Complaint => "投诉",
        TicketType.Help => "求助",
        TicketType.Consultation => "咨询",
        TicketType.Suggestion => "建议",
        TicketType.Praise => "表扬",
        TicketType.Petition => "信访",
    };

    public static string UrgencyLabel(Urgency urgency) => urgency switch
    {
        Domain.Urgency.Normal => "一般",
        Domain.Urgency.Urgent => "紧急",
        Domain.Urgency.VeryUrgent => "特急",
    };

    public static string SatisfactionLabel(Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        Satisfaction.Dissatisfied => "不满意",
    };

    public static DateTimeOffset At(DateTime utc) => ChinaTime.ToShanghaiOffset(utc);

    public static DateTimeOffset? At(DateTime? utc) => utc is { } u ? ChinaTime.ToShanghaiOffset(u) : null;

    public static TicketView ToView(Ticket t, Actor actor, DeadlinePolicy policy, DateTime nowUtc, string? categoryName, StatusLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(policy);
        var full = PhoneMask.MaySeeFullNumber(actor.Role);
        return new TicketView(
            t.Id, t.Number, t.Version, t.Type.ToString(), TypeLabel(t.Type), t.Channel.ToString(), t.Urgency.ToString(), t.CategoryCode, categoryName,
            t.CallerName, full ? t.CallerPhone : t.CallerPhoneMasked, !full, t.Title, t.OriginalText, t.Text, t.Address,
            t.Latitude, t.Longitude, t.DistrictId, t.StreetId,
            t.Status.ToString(), (labels ?? StatusLabels.Default).LabelZh(t.Status), t.Lifecycle.ToString(), t.CurrentUnitKind?.ToString(), t.CurrentUnitId, t.CurrentUnitName,
            At(t.AcceptedAtUtc), At(t.SignForDueUtc), At(t.SignedForAtUtc), At(t.HandlingDueUtc), At(t.RepliedAtUtc),
            t.ReplyText, At(t.ClosedAtUtc), t.CallbackResolved, t.CallbackSatisfaction is { } s ? SatisfactionLabel(s) : null, t.ExtensionPending,
            At(t.ExtensionRequestedDueUtc), t.ExtensionReason, t.ReturnCount, t.LastReturnReason, t.ReopenCount,
            policy.StateOf(t, nowUtc).ToString(),
            [.. t.Timeline.OrderBy(e => e.Sequence).Select(e => new TimelineEntry(e.Sequence, At(e.AtUtc), e.Action.ToString(),
                TicketWorkflow.RuleFor(e.Action).LabelZh, e.ActorName, e.ActorRole.ToString(), e.FromStatus.ToString(), e.ToStatus.ToString(),
                e.FromUnitId, e.ToUnitId, e.Note))],
            [.. TicketWorkflow.AvailableTo(t, actor).Where(r => r.Action is not (TicketAction.AbsorbDuplicate or TicketAction.Remind or TicketAction.Escalate))
                .Select(r => new ActionOption(r.Action.ToString(), r.LabelZh))],
            t.Escalated, At(t.DecisionDueUtc), At(t.PetitionAcceptedAtUtc), t.PetitionDeclined, t.ReviewCount);
    }

    public static TicketRow ToRow(Ticket t, Actor actor, DeadlinePolicy policy, DateTime nowUtc, StatusLabels? labels = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(policy);
        // Lists and exports always mask: whoever needs the number opens the ticket.
        return new TicketRow(t.Id, t.Number, t.Version, TypeLabel(t.Type), UrgencyLabel(t.Urgency), t.CategoryCode, (labels ?? StatusLabels.Default).LabelZh(t.Status), t.Status.ToString(),
            t.CurrentUnitName, t.CallerName, t.CallerPhoneMasked, t.Text.Length > 60 ? t.Text[..60] + "…" : t.Text, At(t.AcceptedAtUtc),
            At(t.SignForDueUtc), At(t.HandlingDueUtc), policy.StateOf(t, nowUtc).ToString(), t.ExtensionPending);
    }
}
