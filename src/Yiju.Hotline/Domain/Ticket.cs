using Yiju.Kernel.Geo;

namespace Yiju.Hotline.Domain;

/// <summary>
/// One citizen request (工单) from intake to close. All changes go through the transition methods,
/// which check <see cref="TicketWorkflow"/>, bump <see cref="Version"/> (the concurrency token) and
/// append a <see cref="TicketEvent"/> to the timeline. A refused transition changes nothing.
/// </summary>
public sealed class Ticket
{
    /// <summary>Longest a petition's handling may be extended beyond its first deadline (信访工作条例 2022: at most 30 days).</summary>
    public static readonly TimeSpan PetitionMaxExtension = TimeSpan.FromDays(30);

    public Guid Id { get; private set; }
    public string Number { get; private set; } = string.Empty;
    public int Version { get; private set; }

    public TicketType Type { get; private set; }
    public Channel Channel { get; private set; }
    public Urgency Urgency { get; private set; }
    public string CategoryCode { get; private set; } = string.Empty;

    public string? CallerName { get; private set; }
    public string? CallerPhone { get; private set; }
    public string CallerPhoneMasked => PhoneMask.Mask(CallerPhone);

    public string? Title { get; private set; }
    /// <summary>The citizen's words as received; never changed after intake.</summary>
    public string OriginalText { get; private set; } = string.Empty;
    /// <summary>The working text, which staff may clarify; see <see cref="OriginalText"/>.</summary>
    public string Text { get; private set; } = string.Empty;

    public string? Address { get; private set; }
    public double? Latitude { get; private set; }
    public double? Longitude { get; private set; }
    public GeoPoint? Location => Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null;
    public long? DistrictId { get; private set; }
    public long? StreetId { get; private set; }

    public TicketStatus Status { get; private set; }
    public LifecycleCategory Lifecycle => StatusLabels.CategoryOf(Status);

    public long? CurrentUnitId { get; private set; }
    public UnitKind? CurrentUnitKind { get; private set; }
    public string? CurrentUnitName { get; private set; }

    public DateTime AcceptedAtUtc { get; private set; }
    public DateTime? FirstDispatchedAtUtc { get; private set; }
    public DateTime? DispatchedAtUtc { get; private set; }
    public DateTime? SignForDueUtc { get; private set; }
    public DateTime? SignedForAtUtc { get; private set; }
    public DateTime? HandlingDueUtc { get; private set; }
    /// <summary>The handling deadline before any extension; petitions may not be extended more than 30 days beyond it.</summary>
    public DateTime? OriginalHandlingDueUtc { get; private set; }
    public DateTime? RepliedAtUtc { get; private set; }
    public string? ReplyText { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public bool ResolvedAtIntake { get; private set; }

    public DateTime? CallbackAtUtc { get; private set; }
    public bool? CallbackResolved { get; private set; }
    public Satisfaction? CallbackSatisfaction { get; private set; }

    public bool ExtensionPending { get; private set; }
    public DateTime? ExtensionRequestedDueUtc { get; private set; }
    public string? ExtensionReason { get; private set; }
    public int ExtensionCount { get; private set; }

    public int ReturnCount { get; private set; }
    public string? LastReturnReason { get; private set; }
    public int ReopenCount { get; private set; }
    public int SupervisionCount { get; private set; }
    public DateTime? LastSupervisedAtUtc { get; private set; }
    public Guid? MergedIntoTicketId { get; private set; }
    public int DuplicateCount { get; private set; }

    /// <summary>督办 flag: set when the deadline job escalates an overdue ticket; stays set so lists can show it was escalated.</summary>
    public bool Escalated { get; private set; }
    public DateTime? EscalatedAtUtc { get; private set; }

    /// <summary>Petitions: the end of the 15 days after receipt by which the petitioner must be told whether it is accepted (受理告知).</summary>
    public DateTime? DecisionDueUtc { get; private set; }
    /// <summary>Petitions: when the holding body accepted it (受理, its sign-for); the 60 days run from here.</summary>
    public DateTime? PetitionAcceptedAtUtc { get; private set; }
    /// <summary>Petitions: not accepted (不予受理); the reason is the reply.</summary>
    public bool PetitionDeclined { get; private set; }
    /// <summary>Petitions: 0 for the first handling, 1 during or after a 复查, 2 for a 复核 (the last level).</summary>
    public int ReviewCount { get; private set; }
    public DateTime? ReviewRequestedAtUtc { get; private set; }

    public List<TicketEvent> Timeline { get; private set; } = [];

    private Ticket()
    {
    }

    /// <summary>受理: creates a ticket; throws <see cref="ArgumentException"/> when the intake does not validate.</summary>
    public static Ticket Accept(Guid id, string number, TicketIntake intake, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        var errors = intake.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(intake));
        }

        var bureauRegistersPetition = actor.PetitionBureau && intake.Type == TicketType.Petition;
        if (!TicketWorkflow.RuleFor(TicketAction.Accept).Roles.Contains(actor.Role) && !bureauRegistersPetition)
        {
            throw new ArgumentException($"Role {actor.Role} may not accept tickets.", nameof(actor));
        }

        var ticket = new Ticket
        {
            Id = id,
            Number = number,
            Type = intake.Type,
            Channel = intake.Channel,
            Urgency = intake.Urgency,
            CategoryCode = intake.CategoryCode.Trim(),
            CallerName = intake.CallerName?.Trim(),
            CallerPhone = intake.CallerPhone?.Trim(),
            Title = intake.Title?.Trim(),
            OriginalText = intake.Text,
            Text = intake.Text,
            Address = intake.Address?.Trim(),
            Latitude = intake.Location?.Latitude,
            Longitude = intake.Location?.Longitude,
            DistrictId = intake.DistrictId,
            StreetId = intake.StreetId,
            Status = TicketStatus.Accepted,
            AcceptedAtUtc = Utc(nowUtc),
        };
        if (ticket.Type == TicketType.Petition)
        {
            ticket.DecisionDueUtc = PetitionRules.DecisionDue(ticket.AcceptedAtUtc);
        }

        ticket.Record(TicketAction.Accept, actor, ticket.AcceptedAtUtc, TicketStatus.Accepted, TicketStatus.Accepted, null, null, null);
        return ticket;
    }

    /// <summary>For an If-Match style check before a transition: the caller saw <paramref name="expectedVersion"/>.</summary>
    public TransitionResult? CheckVersion(int expectedVersion) => expectedVersion == Version
        ? null
        : TransitionResult.Refused(RefusalCode.VersionConflict,
            $"工单已被他人修改（版本 {Version}），请刷新后重试 (the ticket changed since version {expectedVersion}; reload).");

    /// <summary>直接办结: the operator answers at once (often from the knowledge base).</summary>
    public TransitionResult ResolveAtIntake(Actor actor, DateTime nowUtc, string answer)
    {
        if (Refuse(TicketAction.ResolveAtIntake, actor, out var refusal)) return refusal;
        if (Blank(answer, "答复", out refusal)) return refusal;
        ReplyText = answer.Trim();
        RepliedAtUtc = ClosedAtUtc = Utc(nowUtc);
        ResolvedAtIntake = true;
        return Move(TicketAction.ResolveAtIntake, actor, nowUtc, TicketStatus.Closed, note: answer.Trim());
    }

    /// <summary>派单 / 直派 / 改派: sends the ticket to a department, district or street with its deadlines.</summary>
    public TransitionResult Dispatch(Actor actor, DateTime nowUtc, UnitRef unit, TicketDeadlines deadlines, string? note = null)
    {
        if (Refuse(TicketAction.Dispatch, actor, out var refusal)) return refusal;
        if (BadUnit(unit, out refusal)) return refusal;
        if (BadDeadlines(nowUtc, deadlines, out refusal)) return refusal;
        var previous = CurrentUnitId;
        AssignTo(unit, nowUtc, deadlines);
        FirstDispatchedAtUtc ??= Utc(nowUtc);
        return Move(TicketAction.Dispatch, actor, nowUtc, TicketStatus.Dispatched, note, previous, reassigned: true);
    }

    /// <summary>签收.</summary>
    public TransitionResult SignFor(Actor actor, DateTime nowUtc)
    {
        if (Refuse(TicketAction.SignFor, actor, out var refusal)) return refusal;
        SignedForAtUtc = Utc(nowUtc);
        if (Type == TicketType.Petition && ReviewCount == 0 && PetitionAcceptedAtUtc is null)
        {
            // 受理: the statutory 60 days run from acceptance, not from dispatch; a later re-dispatch keeps them.
            PetitionAcceptedAtUtc = SignedForAtUtc;
            HandlingDueUtc = OriginalHandlingDueUtc = PetitionRules.HandlingDue(SignedForAtUtc.Value);
            return Move(TicketAction.SignFor, actor, nowUtc, TicketStatus.InHandling, $"受理；法定办理期限 {ShanghaiText(HandlingDueUtc.Value)}");
        }

        return Move(TicketAction.SignFor, actor, nowUtc, TicketStatus.InHandling);
    }

    /// <summary>
    /// 下派: a district hands its ticket to one of its streets (the caller checks the street lies in the
    /// district). The street gets its own sign-for deadline; the handling deadline stays the district's.
    /// </summary>
    public TransitionResult Forward(Actor actor, DateTime nowUtc, UnitRef street, DateTime signForDueUtc, string? note = null)
    {
        if (Refuse(TicketAction.Forward, actor, out var refusal)) return refusal;
        if (street.Kind != UnitKind.Street || street.Id <= 0) return Invalid("只能下派到街道、乡镇 (a district forwards to a street or township).");
        var handlingDue = HandlingDueUtc!.Value;
        if (BadDeadlines(nowUtc, new TicketDeadlines(signForDueUtc, handlingDue), out refusal)) return refusal;
        var previous = CurrentUnitId;
        var original = OriginalHandlingDueUtc;
        AssignTo(street, nowUtc, new TicketDeadlines(signForDueUtc, handlingDue));
        OriginalHandlingDueUtc = original;
        return Move(TicketAction.Forward, actor, nowUtc, TicketStatus.Dispatched, note, previous, reassigned: true);
    }

    /// <summary>办理: a progress note while handling; the status does not change.</summary>
    public TransitionResult RecordProgress(Actor actor, DateTime nowUtc, string note)
    {
        if (Refuse(TicketAction.RecordProgress, actor, out var refusal)) return refusal;
        if (Blank(note, "办理情况", out refusal)) return refusal;
        return Move(TicketAction.RecordProgress, actor, nowUtc, Status, note.Trim());
    }

    /// <summary>回复: the unit's answer; the ticket waits for the centre's callback.</summary>
    public TransitionResult Reply(Actor actor, DateTime nowUtc, string reply)
    {
        if (Refuse(TicketAction.Reply, actor, out var refusal)) return refusal;
        if (Blank(reply, "回复内容", out refusal)) return refusal;
        ReplyText = reply.Trim();
        RepliedAtUtc = Utc(nowUtc);
        ExtensionPending = false;
        ExtensionRequestedDueUtc = null;
        return Move(TicketAction.Reply, actor, nowUtc, TicketStatus.Replied, reply.Trim());
    }

    /// <summary>回访: records whether the citizen says it was resolved and how satisfied they are (null when they decline to rate).</summary>
    public TransitionResult Callback(Actor actor, DateTime nowUtc, bool resolved, Satisfaction? satisfaction, string? note = null)
    {
        if (Refuse(TicketAction.Callback, actor, out var refusal)) return refusal;
        if (satisfaction is { } s && !Enum.IsDefined(s)) return Invalid("满意度无效 (unknown satisfaction value).");
        CallbackAtUtc = Utc(nowUtc);
        CallbackResolved = resolved;
        CallbackSatisfaction = satisfaction;
        var summary = $"{(resolved ? "已解决" : "未解决")}；{SatisfactionLabel(satisfaction)}";
        return Move(TicketAction.Callback, actor, nowUtc, Status, string.IsNullOrWhiteSpace(note) ? summary : $"{summary}：{note.Trim()}");
    }

    /// <summary>办结 after a callback since the latest reply.</summary>
    public TransitionResult Close(Actor actor, DateTime nowUtc, string? note = null)
    {
        if (Refuse(TicketAction.Close, actor, out var refusal)) return refusal;
        if (!HasCallbackForLatestReply)
        {
            return TransitionResult.Refused(RefusalCode.WrongStatus, "须先回访再办结 (record the callback before closing).");
        }

        ClosedAtUtc = Utc(nowUtc);
        return Move(TicketAction.Close, actor, nowUtc, TicketStatus.Closed, note);
    }

    /// <summary>重办: back to the unit that replied, which must sign for it again within the new deadlines.</summary>
    public TransitionResult Reopen(Actor actor, DateTime nowUtc, TicketDeadlines deadlines, string reason)
    {
        if (Refuse(TicketAction.Reopen, actor, out var refusal)) return refusal;
        if (Blank(reason, "重办原因", out refusal)) return refusal;
        if (!HasCallbackForLatestReply || (CallbackResolved == true && CallbackSatisfaction != Satisfaction.Dissatisfied))
        {
            return TransitionResult.Refused(RefusalCode.WrongStatus,
                "仅当回访为未解决或不满意时可重办 (reopen only after a callback that found it unresolved or unsatisfactory).");
        }

        if (BadDeadlines(nowUtc, deadlines, out refusal)) return refusal;
        var unit = new UnitRef(CurrentUnitId!.Value, CurrentUnitKind!.Value, CurrentUnitName ?? string.Empty);
        AssignTo(unit, nowUtc, deadlines);
        ReopenCount++;
        return Move(TicketAction.Reopen, actor, nowUtc, TicketStatus.Dispatched, reason.Trim());
    }

    /// <summary>退单: the unit says this is not its business, with a reason; the ticket goes back to the centre.</summary>
    public TransitionResult Return(Actor actor, DateTime nowUtc, string reason)
    {
        if (Refuse(TicketAction.Return, actor, out var refusal)) return refusal;
        if (Blank(reason, "退单理由", out refusal)) return refusal;
        ReturnCount++;
        LastReturnReason = reason.Trim();
        ExtensionPending = false;
        ExtensionRequestedDueUtc = null;
        return Move(TicketAction.Return, actor, nowUtc, TicketStatus.Returned, reason.Trim());
    }

    /// <summary>提交仲裁: the centre cannot settle who owns a returned ticket.</summary>
    public TransitionResult SendToArbitration(Actor actor, DateTime nowUtc, string note)
    {
        if (Refuse(TicketAction.SendToArbitration, actor, out var refusal)) return refusal;
        if (Blank(note, "仲裁事由", out refusal)) return refusal;
        return Move(TicketAction.SendToArbitration, actor, nowUtc, TicketStatus.InArbitration, note.Trim());
    }

    /// <summary>仲裁: the decision names the responsible unit (which may be the one that returned it) and dispatches to it.</summary>
    public TransitionResult Arbitrate(Actor actor, DateTime nowUtc, UnitRef responsible, TicketDeadlines deadlines, string decision)
    {
        if (Refuse(TicketAction.Arbitrate, actor, out var refusal)) return refusal;
        if (Blank(decision, "仲裁意见", out refusal)) return refusal;
        if (BadUnit(responsible, out refusal)) return refusal;
        if (BadDeadlines(nowUtc, deadlines, out refusal)) return refusal;
        var previous = CurrentUnitId;
        AssignTo(responsible, nowUtc, deadlines);
        return Move(TicketAction.Arbitrate, actor, nowUtc, TicketStatus.Dispatched, decision.Trim(), previous, reassigned: true);
    }

    /// <summary>申请延期: asks to move the handling deadline to <paramref name="requestedDueUtc"/>.</summary>
    public TransitionResult RequestExtension(Actor actor, DateTime nowUtc, DateTime requestedDueUtc, string reason)
    {
        if (Refuse(TicketAction.RequestExtension, actor, out var refusal)) return refusal;
        if (Blank(reason, "延期理由", out refusal)) return refusal;
        if (ExtensionPending) return Invalid("已有待审批的延期申请 (an extension request is already pending).");
        if (requestedDueUtc <= HandlingDueUtc) return Invalid("申请的期限须晚于当前期限 (the requested deadline must be later than the current one).");
        if (PetitionLimitExceeded(requestedDueUtc, out refusal)) return refusal;
        ExtensionPending = true;
        ExtensionRequestedDueUtc = Utc(requestedDueUtc);
        ExtensionReason = reason.Trim();
        return Move(TicketAction.RequestExtension, actor, nowUtc, Status, $"{reason.Trim()}（申请期限 {ShanghaiText(requestedDueUtc)}）");
    }

    /// <summary>批准延期: moves the handling deadline to the requested date, or to <paramref name="grantedDueUtc"/> if the centre grants less.</summary>
    public TransitionResult ApproveExtension(Actor actor, DateTime nowUtc, DateTime? grantedDueUtc = null, string? note = null)
    {
        if (Refuse(TicketAction.ApproveExtension, actor, out var refusal)) return refusal;
        if (!ExtensionPending) return Invalid("没有待审批的延期申请 (no extension request is pending).");
        var granted = Utc(grantedDueUtc ?? ExtensionRequestedDueUtc!.Value);
        if (granted <= HandlingDueUtc) return Invalid("批准的期限须晚于当前期限 (the granted deadline must be later than the current one).");
        if (PetitionLimitExceeded(granted, out refusal)) return refusal;
        HandlingDueUtc = granted;
        ExtensionCount++;
        ExtensionPending = false;
        ExtensionRequestedDueUtc = null;
        return Move(TicketAction.ApproveExtension, actor, nowUtc, Status, Join($"新期限 {ShanghaiText(granted)}", note));
    }

    /// <summary>驳回延期: the deadline stays.</summary>
    public TransitionResult RefuseExtension(Actor actor, DateTime nowUtc, string reason)
    {
        if (Refuse(TicketAction.RefuseExtension, actor, out var refusal)) return refusal;
        if (Blank(reason, "驳回理由", out refusal)) return refusal;
        if (!ExtensionPending) return Invalid("没有待审批的延期申请 (no extension request is pending).");
        ExtensionPending = false;
        ExtensionRequestedDueUtc = null;
        return Move(TicketAction.RefuseExtension, actor, nowUtc, Status, reason.Trim());
    }

    /// <summary>督办: presses a ticket that is overdue at <paramref name="nowUtc"/>, or that the centre flags as sensitive (<paramref name="flagged"/>).</summary>
    public TransitionResult Supervise(Actor actor, DateTime nowUtc, string instruction, bool flagged = false)
    {
        if (Refuse(TicketAction.Supervise, actor, out var refusal)) return refusal;
        if (Blank(instruction, "督办意见", out refusal)) return refusal;
        var overdue = DeadlineClock.IsSignForOverdue(this, nowUtc) || DeadlineClock.IsHandlingOverdue(this, nowUtc);
        if (!overdue && !flagged)
        {
            return Invalid("工单未超期；督办未超期工单须标记为重点 (the ticket is not overdue; flag it to supervise anyway).");
        }

        SupervisionCount++;
        LastSupervisedAtUtc = Utc(nowUtc);
        return Move(TicketAction.Supervise, actor, nowUtc, Status, $"{(overdue ? "超期督办" : "重点督办")}：{instruction.Trim()}");
    }

    /// <summary>合并: this ticket is a duplicate of <paramref name="target"/>; both timelines record it and both versions move.</summary>
    public TransitionResult MergeInto(Actor actor, DateTime nowUtc, Ticket target, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ReferenceEquals(target, this) || target.Id == Id) return Invalid("不能与自身合并 (a ticket cannot be merged into itself).");
        if (Refuse(TicketAction.Merge, actor, out var refusal)) return refusal;
        if (target.Refuse(TicketAction.AbsorbDuplicate, actor, out refusal)) return refusal;
        if ((target.Type == TicketType.Petition) != (Type == TicketType.Petition))
        {
            return Invalid("信访与热线工单不能合并 (petitions and hotline tickets are not merged).");
        }

        MergedIntoTicketId = target.Id;
        ClosedAtUtc = Utc(nowUtc);
        target.DuplicateCount++;
        target.Move(TicketAction.AbsorbDuplicate, actor, nowUtc, target.Status, Join($"并入重复工单 {Number}", note));
        return Move(TicketAction.Merge, actor, nowUtc, TicketStatus.Merged, Join($"合并至 {target.Number}", note));
    }

    /// <summary>不予受理: the body holding a petition decides not to accept it; the reason is the written notice to the petitioner.</summary>
    public TransitionResult DeclinePetition(Actor actor, DateTime nowUtc, string reason)
    {
        if (Refuse(TicketAction.DeclinePetition, actor, out var refusal)) return refusal;
        if (Blank(reason, "不予受理理由", out refusal)) return refusal;
        PetitionDeclined = true;
        ReplyText = reason.Trim();
        RepliedAtUtc = ClosedAtUtc = Utc(nowUtc);
        // The decision is the petition's outcome: it is on time when given within the 15-day decision limit.
        HandlingDueUtc = SignForDueUtc ?? DecisionDueUtc;
        return Move(TicketAction.DeclinePetition, actor, nowUtc, TicketStatus.Closed, reason.Trim());
    }

    /// <summary>
    /// 复查 (first) or 复核 (second and last): the petitioner disputes the written reply within 30 days of receiving it; the
    /// superior body <paramref name="reviewer"/> must give its opinion within 30 days of receiving the request.
    /// </summary>
    public TransitionResult RequestReview(Actor actor, DateTime nowUtc, UnitRef reviewer, string reason)
    {
        if (Refuse(TicketAction.RequestReview, actor, out var refusal)) return refusal;
        if (Blank(reason, "复查请求事由", out refusal)) return refusal;
        if (BadUnit(reviewer, out refusal)) return refusal;
        if (PetitionDeclined || MergedIntoTicketId is not null || RepliedAtUtc is not { } replied)
        {
            return Invalid("只有已答复的信访事项可以请求复查 (only a petition with a written reply can be reviewed).");
        }

        if (ReviewCount >= PetitionRules.MaxReviews)
        {
            return Invalid("复核意见为终结意见，不再受理 (the 复核 opinion is final; no further review).");
        }

        var now = Utc(nowUtc);
        if (now > PetitionRules.ReviewRequestDeadline(replied))
        {
            return Invalid("已超过收到答复之日起30日的复查请求期限 (a review must be requested within 30 days of the reply).");
        }

        var previous = CurrentUnitId;
        var due = PetitionRules.ReviewDue(now);
        AssignTo(reviewer, now, new TicketDeadlines(due, due));
        OriginalHandlingDueUtc = due;
        ReviewCount++;
        ReviewRequestedAtUtc = now;
        ReplyText = null;
        ClosedAtUtc = null;
        var level = ReviewCount == 1 ? "复查" : "复核";
        return Move(TicketAction.RequestReview, actor, now, TicketStatus.Dispatched, $"{level}：{reason.Trim()}（期限 {ShanghaiText(due)}）", previous, reassigned: true);
    }

    /// <summary>期限提醒: the deadline job warns the holding unit that <paramref name="dueUtc"/> is near.</summary>
    public TransitionResult Remind(Actor actor, DateTime nowUtc, NoticeKind kind, DateTime dueUtc)
    {
        if (Refuse(TicketAction.Remind, actor, out var refusal)) return refusal;
        if (DeadlineNotices.IsEscalation(kind)) return Invalid("提醒类型无效 (not a reminder kind).");
        return Move(TicketAction.Remind, actor, nowUtc, Status, $"{DeadlineNotices.DeadlineLabel(kind)} {ShanghaiText(dueUtc)} 即将到期，请及时办理");
    }

    /// <summary>超期督办: the deadline job flags the ticket as overdue and reports it to the centre (and a street's district).</summary>
    public TransitionResult Escalate(Actor actor, DateTime nowUtc, NoticeKind kind, DateTime dueUtc, string escalatedTo)
    {
        if (Refuse(TicketAction.Escalate, actor, out var refusal)) return refusal;
        if (!DeadlineNotices.IsEscalation(kind)) return Invalid("督办类型无效 (not an escalation kind).");
        var now = Utc(nowUtc);
        SupervisionCount++;
        LastSupervisedAtUtc = now;
        Escalated = true;
        EscalatedAtUtc ??= now;
        return Move(TicketAction.Escalate, actor, now, Status, $"{DeadlineNotices.DeadlineLabel(kind)} {ShanghaiText(dueUtc)} 已超期，自动督办并上报{escalatedTo}");
    }

    /// <summary>修改诉求内容: staff clarify the working text; <see cref="OriginalText"/> stays as the citizen wrote it.</summary>
    public TransitionResult EditText(Actor actor, DateTime nowUtc, string newText, string? newCategoryCode = null, string? reason = null)
    {
        if (Refuse(TicketAction.EditText, actor, out var refusal)) return refusal;
        if (Blank(newText, "诉求内容", out refusal)) return refusal;
        if (newText.Length > TicketIntake.MaxTextLength) return Invalid($"诉求内容超过 {TicketIntake.MaxTextLength} 字 (text too long).");
        var note = CategoryCode != (newCategoryCode ?? CategoryCode) ? $"分类 {CategoryCode} → {newCategoryCode}" : "修改诉求内容";
        Text = newText;
        if (!string.IsNullOrWhiteSpace(newCategoryCode))
        {
            CategoryCode = newCategoryCode.Trim();
        }

        return Move(TicketAction.EditText, actor, nowUtc, Status, Join(note, reason));
    }

    /// <summary>A flat copy for KPI and hotspot functions.</summary>
    public TicketSnapshot ToSnapshot() => new(
        Id, Type, CategoryCode, Urgency, Status, CurrentUnitId, CurrentUnitKind, DistrictId, StreetId,
        AcceptedAtUtc, FirstDispatchedAtUtc, SignForDueUtc, SignedForAtUtc, HandlingDueUtc, RepliedAtUtc, ClosedAtUtc,
        CallbackResolved, CallbackSatisfaction, ResolvedAtIntake, ReopenCount);

    private bool HasCallbackForLatestReply => CallbackAtUtc is { } cb && RepliedAtUtc is { } replied && cb >= replied;

    private void AssignTo(UnitRef unit, DateTime nowUtc, TicketDeadlines deadlines)
    {
        CurrentUnitId = unit.Id;
        CurrentUnitKind = unit.Kind;
        CurrentUnitName = unit.Name;
        DispatchedAtUtc = Utc(nowUtc);
        SignForDueUtc = Utc(deadlines.SignForDueUtc);
        HandlingDueUtc = Utc(deadlines.HandlingDueUtc);
        OriginalHandlingDueUtc ??= HandlingDueUtc;
        SignedForAtUtc = null;
        RepliedAtUtc = null;
        CallbackAtUtc = null;
        CallbackResolved = null;
        CallbackSatisfaction = null;
        ExtensionPending = false;
        ExtensionRequestedDueUtc = null;
    }

    private bool PetitionLimitExceeded(DateTime dueUtc, out TransitionResult refusal)
    {
        refusal = null!;
        if (Type != TicketType.Petition || OriginalHandlingDueUtc is not { } original)
        {
            return false;
        }

        if (ReviewCount > 0)
        {
            refusal = Invalid("复查、复核期限不能延长 (a review's 30 days cannot be extended).");
            return true;
        }

        if (ExtensionCount > 0)
        {
            refusal = Invalid("信访事项只能延期一次 (a petition can be extended once).");
            return true;
        }

        if (dueUtc > original + PetitionMaxExtension)
        {
            refusal = Invalid("信访事项延长期限不得超过30日 (a petition may be extended by at most 30 days; 信访工作条例).");
            return true;
        }

        return false;
    }

    private bool Refuse(TicketAction action, Actor actor, out TransitionResult refusal)
    {
        refusal = TicketWorkflow.Refusal(this, action, actor)!;
        return refusal is not null;
    }

    private static bool Blank(string? value, string what, out TransitionResult refusal)
    {
        refusal = null!;
        if (!string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        refusal = Invalid($"{what}不能为空 ({what} is required).");
        return true;
    }

    private static bool BadUnit(UnitRef unit, out TransitionResult refusal)
    {
        refusal = null!;
        if (unit.Id > 0 && unit.Kind != UnitKind.Centre && Enum.IsDefined(unit.Kind))
        {
            return false;
        }

        refusal = Invalid("须指定承办单位（部门、区或街道）(a receiving department, district or street is required).");
        return true;
    }

    private static bool BadDeadlines(DateTime nowUtc, TicketDeadlines deadlines, out TransitionResult refusal)
    {
        refusal = null!;
        if (deadlines.SignForDueUtc > nowUtc && deadlines.HandlingDueUtc >= deadlines.SignForDueUtc)
        {
            return false;
        }

        refusal = Invalid("期限无效：签收期限须晚于现在，办理期限不早于签收期限 (deadlines must be in the future, handling not before sign-for).");
        return true;
    }

    private static TransitionResult Invalid(string reason) => TransitionResult.Refused(RefusalCode.InvalidArgument, reason);

    private TransitionResult Move(TicketAction action, Actor actor, DateTime nowUtc, TicketStatus to, string? note = null, long? previousUnit = null, bool reassigned = false)
    {
        var from = Status;
        Status = to;
        var fromUnit = reassigned ? previousUnit : CurrentUnitId;
        return TransitionResult.Ok(Record(action, actor, Utc(nowUtc), from, to, fromUnit, CurrentUnitId, note));
    }

    private TicketEvent Record(TicketAction action, Actor actor, DateTime atUtc, TicketStatus from, TicketStatus to, long? fromUnit, long? toUnit, string? note)
    {
        Version++;
        var entry = new TicketEvent(Id, Version, atUtc, action, actor, from, to, fromUnit, toUnit, note);
        Timeline.Add(entry);
        return entry;
    }

    private static string SatisfactionLabel(Satisfaction? satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        Satisfaction.Dissatisfied => "不满意",
        null => "未评价",
        _ => satisfaction.Value.ToString(),
    };

    private static string Join(string first, string? second) =>
        string.IsNullOrWhiteSpace(second) ? first : $"{first}：{second.Trim()}";

    private static string ShanghaiText(DateTime utc) =>
        Kernel.Calendar.ChinaTime.ToShanghai(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        DateTimeKind.Local => throw new ArgumentException("Instants must be UTC; a Local DateTime depends on the server's zone."),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };
}
