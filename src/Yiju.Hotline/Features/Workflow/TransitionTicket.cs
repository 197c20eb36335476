using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Knowledge;
using Yiju.Hotline.Features.Queries;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Workflow;

/// <summary>
/// One step of the workflow. <see cref="Version"/> is the ticket version the person saw: if the ticket has moved
/// since, nothing happens and the answer is a conflict. Which other fields matter depends on the action
/// (unit for dispatch, forward and arbitration; resolved and satisfaction for a callback; a date for extensions).
/// </summary>
public sealed record TransitionCommand(
    TicketAction Action,
    int Version,
    string? Note = null,
    UnitKind? UnitKind = null,
    long? UnitId = null,
    bool? Resolved = null,
    Satisfaction? Satisfaction = null,
    DateOnly? DueDate = null,
    bool Flagged = false,
    string? TargetNumber = null,
    string? Text = null,
    string? CategoryCode = null,
    long? KbEntryId = null);

public sealed class TransitionTicket(IHotlineDb db, IHotlineDirectory directory, DeadlinePolicy policy, IWorkingCalendar calendar,
    TimeProvider clock, RoutingModel routing, TicketQueries queries, CategoryCatalogue catalogue, KnowledgeBase knowledge)
{
    public async Task<Outcome<TicketView>> Handle(Guid ticketId, TransitionCommand command, Caller caller, CancellationToken ct)
    {
        var actor = await directory.ActorFor(caller, ct);
        if (actor is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null)
            return Failure.NotFound("工单不存在 (unknown ticket)");
        if (!TicketScope.CanSee(ticket, actor))
            return Failure.Forbidden("工单不在本单位范围内 (the ticket is outside your unit's scope)");
        if (ticket.CheckVersion(command.Version) is { } stale)
            return stale.ToFailure();

        var now = clock.GetUtcNow().UtcDateTime;
        Outcome<TransitionResult> applied;
        try
        {
            applied = await Apply(ticket, command, actor, now, ct);
        }
        catch (CalendarMissingException e)
        {
            return Failure.Invalid($"工作日历缺少年份，无法计算期限，请管理员补录 (the working calendar has no data for that year): {e.Message}");
        }
        if (!applied.Succeeded)
            return applied.Failure!;
        if (!applied.Value!.Succeeded)
            return applied.Value.ToFailure();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another unit or operator changed the ticket between our read and our write: their change stands.
            return Failure.Conflict("工单已被他人处理，请刷新后重试 (someone else acted on the ticket first; reload)");
        }
        if (command.Action is TicketAction.Dispatch)
            routing.Learn(ticket.OriginalText, ticket.CategoryCode);
        return await queries.Detail(ticket.Id, caller, ct);
    }

    private async Task<Outcome<TransitionResult>> Apply(Ticket ticket, TransitionCommand c, Actor actor, DateTime now, CancellationToken ct)
    {
        var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim();
        if (note is { Length: > TicketIntake.MaxTextLength })
            return Failure.Invalid("note", $"内容超过 {TicketIntake.MaxTextLength} 字 (text too long)");
        switch (c.Action)
        {
            case TicketAction.ResolveAtIntake:
                {
                    if (c.KbEntryId is not { } entryId)
                        return ticket.ResolveAtIntake(actor, now, note ?? string.Empty);
                    // 依据知识库直接办结: the entry's answer (or the operator's own words) with the citation on the timeline.
                    var entry = await knowledge.Citable(entryId, ct);
                    if (!entry.Succeeded)
                        return entry.Failure!;
                    var e = entry.Value!;
                    var cited = KnowledgeMatcher.CitationNote(note ?? e.Answer, e.Id, e.Version, e.Title, e.Source);
                    if (cited.Length > TicketIntake.MaxTextLength)
                        return Failure.Invalid("note", $"答复连同引用超过 {TicketIntake.MaxTextLength} 字 (the answer with its citation is too long)");
                    return ticket.ResolveAtIntake(actor, now, cited);
                }
            case TicketAction.EditText:
                {
                    var category = string.IsNullOrWhiteSpace(c.CategoryCode) ? null : c.CategoryCode.Trim();
                    if (category is not null && category != ticket.CategoryCode)
                    {
                        var taxonomy = await catalogue.Load(ct);
                        if (!taxonomy.IsSelectable(category) || taxonomy.Find(category)!.IsTopLevel)
                            return Failure.Invalid("categoryCode", $"分类 '{category}' 不存在或已停用，请选择二级分类 (unknown or inactive category; choose a second-level one)");
                    }
                    if (c.Text is { Length: > TicketIntake.MaxTextLength })
                        return Failure.Invalid("text", $"内容超过 {TicketIntake.MaxTextLength} 字 (text too long)");
                    return ticket.EditText(actor, now, c.Text?.Trim() ?? string.Empty, category, note);
                }
            case TicketAction.Dispatch:
            case TicketAction.Arbitrate:
                {
                    if (c.UnitKind is not { } kind || c.UnitId is not { } id || kind == UnitKind.Centre)
                        return Failure.Invalid("unitId", "须选择承办单位 (choose a receiving unit)");
                    var unit = await directory.Find(kind, id, ct);
                    if (unit is null)
                        return Failure.Invalid("unitId", "承办单位不存在 (unknown receiving unit)");
                    var deadlines = policy.ComputeFor(ticket, now, calendar);
                    var target = new UnitRef(unit.Id, unit.Kind, unit.Name);
                    return c.Action == TicketAction.Dispatch
                        ? ticket.Dispatch(actor, now, target, deadlines, note)
                        : ticket.Arbitrate(actor, now, target, deadlines, note ?? string.Empty);
                }
            case TicketAction.Forward:
                {
                    if (c.UnitId is not { } streetId || await directory.Find(UnitKind.Street, streetId, ct) is not { } street)
                        return Failure.Invalid("unitId", "须选择街道 (choose a street)");
                    if (street.DistrictId != actor.UnitId)
                        return Failure.Forbidden("只能下派到本区的街道 (a district forwards only to its own streets)");
                    var rule = policy.RuleFor(ticket.Type, ticket.CategoryCode, ticket.Urgency);
                    return ticket.Forward(actor, now, new UnitRef(street.Id, UnitKind.Street, street.Name), rule.SignFor.DueFrom(now, calendar), note);
                }
            case TicketAction.SignFor:
                return ticket.SignFor(actor, now);
            case TicketAction.RecordProgress:
                return ticket.RecordProgress(actor, now, note ?? string.Empty);
            case TicketAction.Reply:
                return ticket.Reply(actor, now, note ?? string.Empty);
            case TicketAction.Callback:
                if (c.Resolved is not { } resolved)
                    return Failure.Invalid("resolved", "须填写是否解决 (say whether it was resolved)");
                return ticket.Callback(actor, now, resolved, c.Satisfaction, note);
            case TicketAction.Close:
                return ticket.Close(actor, now, note);
            case TicketAction.Reopen:
                return ticket.Reopen(actor, now, policy.ComputeFor(ticket, now, calendar), note ?? string.Empty);
            case TicketAction.Return:
                return ticket.Return(actor, now, note ?? string.Empty);
            case TicketAction.SendToArbitration:
                return ticket.SendToArbitration(actor, now, note ?? string.Empty);
            case TicketAction.RequestExtension:
                if (c.DueDate is not { } requested)
                    return Failure.Invalid("dueDate", "须填写申请的期限 (give the requested deadline)");
                return ticket.RequestExtension(actor, now, ChinaTime.EndOfDayUtc(requested), note ?? string.Empty);
            case TicketAction.ApproveExtension:
                return ticket.ApproveExtension(actor, now, c.DueDate is { } granted ? ChinaTime.EndOfDayUtc(granted) : null, note);
            case TicketAction.RefuseExtension:
                return ticket.RefuseExtension(actor, now, note ?? string.Empty);
            case TicketAction.Supervise:
                return ticket.Supervise(actor, now, note ?? string.Empty, c.Flagged);
            case TicketAction.Merge:
                {
                    var number = c.TargetNumber?.Trim();
                    var target = string.IsNullOrEmpty(number) ? null : await db.Tickets.FirstOrDefaultAsync(t => t.Number == number, ct);
                    if (target is null)
                        return Failure.Invalid("targetNumber", "须填写要并入的工单号 (give the number of the ticket to merge into)");
                    return ticket.MergeInto(actor, now, target, note);
                }
            case TicketAction.DeclinePetition:
                return ticket.DeclinePetition(actor, now, note ?? string.Empty);
            case TicketAction.RequestReview:
                {
                    if (c.UnitKind is not { } reviewKind || c.UnitId is not { } reviewId || reviewKind == UnitKind.Centre)
                        return Failure.Invalid("unitId", "须选择复查（复核）机关 (choose the reviewing body)");
                    var reviewer = await directory.Find(reviewKind, reviewId, ct);
                    if (reviewer is null)
                        return Failure.Invalid("unitId", "复查机关不存在 (unknown reviewing body)");
                    return ticket.RequestReview(actor, now, new UnitRef(reviewer.Id, reviewer.Kind, reviewer.Name), note ?? string.Empty);
                }
            case TicketAction.Accept:
            case TicketAction.AbsorbDuplicate:
            case TicketAction.Remind:
            case TicketAction.Escalate:
            default:
                return Failure.Invalid("action", $"不支持的操作 {c.Action} (unsupported action here)");
        }
    }
}
