using System.Globalization;
using Yiju.Housing.Domain.Applications;
using Yiju.Kernel.Calendar;

namespace Yiju.Housing.Domain.Procedure;

public enum ProcedureAction
{
    Submit = 0,
    StreetApprove = 1,
    StreetReturn = 2,
    DistrictApprove = 3,
    DistrictReturn = 4,
    OpenFirstNotice = 5,
    CloseFirstNotice = 6,
    EnterLottery = 7,
    RecordDrawnFlat = 8,
    RecordNotDrawn = 9,
    CloseResultNotice = 10,
    SignContract = 11,
    MoveIn = 12,
    StartSubsidy = 13,
    PassAnnualReview = 14,
    ExitOnAnnualReview = 15,
    Withdraw = 16,

    /// <summary>Recorded when an objection is upheld; not applied directly (see <see cref="ApplicationProcedure.ResolveObjection"/>).</summary>
    RemoveOnObjection = 17,
}

/// <summary>One row of the transition table: from which states, to which state (null = unchanged), by whom.</summary>
public sealed record ProcedureStep(
    ProcedureAction Action,
    IReadOnlyList<ApplicationStatus> From,
    ApplicationStatus? To,
    IReadOnlyList<ActorRole> Roles,
    bool ReasonRequired,
    string ChineseName);

/// <summary>Working-day limits of the procedure; configurable because districts publish their own service promises.</summary>
public sealed class ProcedureDeadlines
{
    public int StreetReviewWorkingDays { get; init; } = 10;
    public int DistrictReviewWorkingDays { get; init; } = 10;
    public int FirstNoticeWorkingDays { get; init; } = 5;
    public int ResultNoticeWorkingDays { get; init; } = 5;
    public int ContractWorkingDays { get; init; } = 20;
    public int MoveInWorkingDays { get; init; } = 20;
    public int AnnualReviewMonths { get; init; } = 12;
}

public sealed record ProcedureCommand(ProcedureAction Action, string? Reason = null, Guid? FlatId = null, int? Rank = null, Guid? LotteryId = null);

public sealed record ProcedureResult(Reason? Refusal)
{
    public static ProcedureResult Ok { get; } = new((Reason?)null);

    public bool Succeeded => Refusal is null;

    public static ProcedureResult Refused(string code, string text) => new(new Reason(code, text));
}

/// <summary>
/// The application procedure as a state machine. Every transition checks the state, the actor's role and scope
/// (a street reviewer only for applications of that street, a district reviewer only for that district) and the
/// step's guards, sets the next working-day deadline from <see cref="IWorkingCalendar"/>, and appends an event.
/// A refused transition changes nothing.
/// </summary>
public sealed class ApplicationProcedure(IWorkingCalendar calendar, ProcedureDeadlines? deadlines = null)
{
    public const string WrongStateCode = "wrong_state";
    public const string WrongRoleCode = "role_not_allowed";
    public const string OutOfScopeCode = "out_of_scope";
    public const string ReasonRequiredCode = "reason_required";
    public const string NoticeNotOverCode = "notice_period_not_over";
    public const string NoticeOverCode = "notice_period_over";
    public const string ObjectionsPendingCode = "objections_pending";
    public const string WrongSchemeCode = "wrong_scheme";
    public const string LotteryDetailsMissingCode = "lottery_details_missing";
    public const string ObjectionNotFoundCode = "objection_not_found";

    private readonly ProcedureDeadlines _deadlines = deadlines ?? new ProcedureDeadlines();

    private static readonly ApplicationStatus[] Withdrawable =
    [
        ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.ReturnedByStreet, ApplicationStatus.StreetApproved,
        ApplicationStatus.ReturnedByDistrict, ApplicationStatus.Registered, ApplicationStatus.FirstNotice, ApplicationStatus.Eligible,
    ];

    public static IReadOnlyList<ProcedureStep> Steps { get; } =
    [
        new(ProcedureAction.Submit, [ApplicationStatus.Draft, ApplicationStatus.ReturnedByStreet], ApplicationStatus.Submitted,
            [ActorRole.Applicant, ActorRole.StreetReviewer], false, "提交申请"),
        new(ProcedureAction.StreetApprove, [ApplicationStatus.Submitted, ApplicationStatus.ReturnedByDistrict], ApplicationStatus.StreetApproved,
            [ActorRole.StreetReviewer], false, "街道初审通过"),
        new(ProcedureAction.StreetReturn, [ApplicationStatus.Submitted, ApplicationStatus.ReturnedByDistrict], ApplicationStatus.ReturnedByStreet,
            [ActorRole.StreetReviewer], true, "街道退回申请人"),
        new(ProcedureAction.DistrictApprove, [ApplicationStatus.StreetApproved], ApplicationStatus.Registered,
            [ActorRole.DistrictReviewer], false, "区复审通过并登记轮候"),
        new(ProcedureAction.DistrictReturn, [ApplicationStatus.StreetApproved], ApplicationStatus.ReturnedByDistrict,
            [ActorRole.DistrictReviewer], true, "区退回街道"),
        new(ProcedureAction.OpenFirstNotice, [ApplicationStatus.Registered], ApplicationStatus.FirstNotice,
            [ActorRole.HousingBureau], false, "开始资格公示"),
        new(ProcedureAction.CloseFirstNotice, [ApplicationStatus.FirstNotice], ApplicationStatus.Eligible,
            [ActorRole.HousingBureau], false, "资格公示期满"),
        new(ProcedureAction.EnterLottery, [ApplicationStatus.Eligible], ApplicationStatus.InLottery,
            [ActorRole.HousingBureau], false, "纳入摇号"),
        new(ProcedureAction.RecordDrawnFlat, [ApplicationStatus.InLottery], ApplicationStatus.ResultNotice,
            [ActorRole.HousingBureau], false, "摇号配租，开始结果公示"),
        new(ProcedureAction.RecordNotDrawn, [ApplicationStatus.InLottery], ApplicationStatus.Eligible,
            [ActorRole.HousingBureau], false, "本次摇号未配租，继续轮候"),
        new(ProcedureAction.CloseResultNotice, [ApplicationStatus.ResultNotice], ApplicationStatus.Allocated,
            [ActorRole.HousingBureau], false, "结果公示期满"),
        new(ProcedureAction.SignContract, [ApplicationStatus.Allocated], ApplicationStatus.Contracted,
            [ActorRole.HousingBureau], false, "签订租赁合同"),
        new(ProcedureAction.MoveIn, [ApplicationStatus.Contracted], ApplicationStatus.MovedIn,
            [ActorRole.HousingBureau], false, "入住"),
        new(ProcedureAction.StartSubsidy, [ApplicationStatus.Eligible], ApplicationStatus.Subsidised,
            [ActorRole.HousingBureau], false, "开始发放租赁补贴"),
        new(ProcedureAction.PassAnnualReview, [ApplicationStatus.MovedIn, ApplicationStatus.Subsidised], null,
            [ActorRole.DistrictReviewer, ActorRole.HousingBureau], false, "年审通过"),
        new(ProcedureAction.ExitOnAnnualReview, [ApplicationStatus.MovedIn, ApplicationStatus.Subsidised], ApplicationStatus.Exited,
            [ActorRole.DistrictReviewer, ActorRole.HousingBureau], true, "年审不合格，退出保障"),
        new(ProcedureAction.Withdraw, Withdrawable, ApplicationStatus.Withdrawn,
            [ActorRole.Applicant], false, "申请人撤回"),
    ];

    private static readonly Dictionary<ProcedureAction, ProcedureStep> StepByAction = Steps.ToDictionary(s => s.Action);

    public ProcedureResult Apply(HouseholdApplication application, ProcedureCommand command, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (!StepByAction.TryGetValue(command.Action, out var step))
        {
            return ProcedureResult.Refused(WrongStateCode, "该操作不能直接执行");
        }
        var today = ChinaTime.Today(nowUtc);
        var check = CheckAllowed(application, step, actor, today, command);
        if (!check.Succeeded)
        {
            return check;
        }

        var from = application.Status;
        ApplyEffects(application, command, today);
        if (command.Action == ProcedureAction.Submit)
        {
            application.Channel = actor.Role == ActorRole.StreetReviewer ? SubmissionChannel.StreetOffice : SubmissionChannel.Online;
        }
        application.Status = step.To ?? from;
        Record(application, command.Action, from, actor, nowUtc, command.Reason);
        return ProcedureResult.Ok;
    }

    /// <summary>The actions this actor may take on this application now; what a page shows as buttons.</summary>
    public IReadOnlyList<ProcedureStep> AvailableTo(HouseholdApplication application, Actor actor, DateTime nowUtc)
    {
        var today = ChinaTime.Today(nowUtc);
        return Steps.Where(s => CheckAllowed(application, s, actor, today, null).Succeeded).ToList();
    }

    /// <summary>Anyone may object during a notice period, which includes its last day.</summary>
    public ProcedureResult RaiseObjection(HouseholdApplication application, string text, string raisedBy, DateTime nowUtc, out Objection? objection)
    {
        ArgumentNullException.ThrowIfNull(application);
        objection = null;
        var today = ChinaTime.Today(nowUtc);
        var endsOn = application.Status switch
        {
            ApplicationStatus.FirstNotice => application.FirstNoticeEndsOn,
            ApplicationStatus.ResultNotice => application.ResultNoticeEndsOn,
            _ => null,
        };
        if (endsOn is null)
        {
            return ProcedureResult.Refused(WrongStateCode, "该申请不在公示期内，不能提出异议");
        }
        if (today > endsOn)
        {
            return ProcedureResult.Refused(NoticeOverCode, string.Create(CultureInfo.InvariantCulture, $"公示期已于{endsOn:yyyy-MM-dd}结束"));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return ProcedureResult.Refused(ReasonRequiredCode, "请填写异议内容");
        }
        objection = new Objection
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            Notice = application.Status,
            Text = text.Trim(),
            RaisedBy = raisedBy,
            RaisedUtc = nowUtc,
            Outcome = ObjectionOutcome.Pending,
        };
        application.Objections.Add(objection);
        application.Version++;
        return ProcedureResult.Ok;
    }

    /// <summary>
    /// The bureau or the application's district resolves an objection after investigating it. An upheld objection
    /// removes the household (and the caller releases any flat it was drawn).
    /// </summary>
    public ProcedureResult ResolveObjection(HouseholdApplication application, Guid objectionId, bool upheld, string resolution, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(actor);
        var objection = application.Objections.FirstOrDefault(o => o.Id == objectionId);
        if (objection is null || objection.Outcome != ObjectionOutcome.Pending)
        {
            return ProcedureResult.Refused(ObjectionNotFoundCode, "没有找到待处理的异议");
        }
        if (actor.Role is not (ActorRole.HousingBureau or ActorRole.DistrictReviewer))
        {
            return ProcedureResult.Refused(WrongRoleCode, "只有区审核人员或市住建局可以处理异议");
        }
        if (actor.Role == ActorRole.DistrictReviewer && !string.Equals(actor.DistrictCode, application.DistrictCode, StringComparison.Ordinal))
        {
            return ProcedureResult.Refused(OutOfScopeCode, "只能处理本区申请的异议");
        }
        if (string.IsNullOrWhiteSpace(resolution))
        {
            return ProcedureResult.Refused(ReasonRequiredCode, "请填写异议处理意见");
        }
        if (upheld && application.Status != objection.Notice)
        {
            return ProcedureResult.Refused(WrongStateCode, "申请已离开异议所在的公示阶段");
        }
        objection.Outcome = upheld ? ObjectionOutcome.Upheld : ObjectionOutcome.Dismissed;
        objection.Resolution = resolution.Trim();
        objection.ResolvedUtc = nowUtc;
        objection.ResolvedByUserId = actor.UserId;
        if (upheld)
        {
            var from = application.Status;
            application.Status = ApplicationStatus.Removed;
            application.StepDueOn = null;
            application.LastReason = objection.Resolution;
            Record(application, ProcedureAction.RemoveOnObjection, from, actor, nowUtc, objection.Resolution);
        }
        else
        {
            application.Version++;
        }
        return ProcedureResult.Ok;
    }

    /// <summary>The annual re-check (年审) is overdue once its due date has passed without a pass or an exit.</summary>
    public static bool IsAnnualReviewOverdue(HouseholdApplication application, DateOnly today) =>
        application.Status is ApplicationStatus.MovedIn or ApplicationStatus.Subsidised
        && application.NextAnnualReviewDueOn is DateOnly due && today > due;

    /// <summary>A step is overdue when its due date (inclusive) has passed.</summary>
    public static bool IsOverdue(HouseholdApplication application, DateOnly today) =>
        application.StepDueOn is DateOnly due && today > due;

    private static ProcedureResult CheckAllowed(HouseholdApplication app, ProcedureStep step, Actor actor, DateOnly today, ProcedureCommand? command)
    {
        if (!step.From.Contains(app.Status))
        {
            return ProcedureResult.Refused(WrongStateCode, $"申请当前状态为“{app.Status.ChineseName()}”，不能执行“{step.ChineseName}”");
        }
        if (!step.Roles.Contains(actor.Role))
        {
            return ProcedureResult.Refused(WrongRoleCode,
                $"“{step.ChineseName}”只能由{string.Join('或', step.Roles.Select(Actor.ChineseName))}执行");
        }
        var inScope = actor.Role switch
        {
            ActorRole.Applicant => actor.UserId == app.ApplicantUserId,
            ActorRole.StreetReviewer => string.Equals(actor.StreetCode, app.StreetCode, StringComparison.Ordinal),
            ActorRole.DistrictReviewer => string.Equals(actor.DistrictCode, app.DistrictCode, StringComparison.Ordinal),
            ActorRole.HousingBureau => true,
            _ => false,
        };
        if (!inScope)
        {
            return ProcedureResult.Refused(OutOfScopeCode, actor.Role switch
            {
                ActorRole.Applicant => "只能操作本人的申请",
                ActorRole.StreetReviewer => "只能审核本街道的申请",
                ActorRole.DistrictReviewer => "只能审核本区的申请",
                _ => "",
            });
        }
        switch (step.Action)
        {
            case ProcedureAction.CloseFirstNotice:
            case ProcedureAction.CloseResultNotice:
                var endsOn = step.Action == ProcedureAction.CloseFirstNotice ? app.FirstNoticeEndsOn : app.ResultNoticeEndsOn;
                if (endsOn is DateOnly e && today <= e)
                {
                    return ProcedureResult.Refused(NoticeNotOverCode, string.Create(CultureInfo.InvariantCulture, $"公示期至{e:yyyy-MM-dd}，期满后才能结束公示"));
                }
                if (app.Objections.Any(o => o.Outcome == ObjectionOutcome.Pending))
                {
                    return ProcedureResult.Refused(ObjectionsPendingCode, "还有未处理的公示异议");
                }
                break;
            case ProcedureAction.EnterLottery:
                if (!app.Scheme.AllocatesFlats())
                {
                    return ProcedureResult.Refused(WrongSchemeCode, "租赁补贴申请不参加摇号");
                }
                break;
            case ProcedureAction.StartSubsidy:
                if (app.Scheme != SchemeKind.RentalSubsidy)
                {
                    return ProcedureResult.Refused(WrongSchemeCode, "只有租赁补贴申请可以发放补贴");
                }
                break;
            case ProcedureAction.RecordDrawnFlat:
                if (command is not null && (command.FlatId is null || command.Rank is null || command.LotteryId is null))
                {
                    return ProcedureResult.Refused(LotteryDetailsMissingCode, "缺少摇号编号、排位号或房源");
                }
                break;
            case ProcedureAction.RecordNotDrawn:
                if (command is not null && (command.Rank is null || command.LotteryId is null))
                {
                    return ProcedureResult.Refused(LotteryDetailsMissingCode, "缺少摇号编号或排位号");
                }
                break;
            default:
                break;
        }
        if (command is not null && step.ReasonRequired && string.IsNullOrWhiteSpace(command.Reason))
        {
            return ProcedureResult.Refused(ReasonRequiredCode, $"“{step.ChineseName}”必须填写理由");
        }
        return ProcedureResult.Ok;
    }

    private void ApplyEffects(HouseholdApplication app, ProcedureCommand command, DateOnly today)
    {
        // Every calendar lookup happens before the first assignment: a missing calendar year throws
        // CalendarMissingException and must leave the application exactly as it was.
        DateOnly In(int workingDays) => calendar.AddWorkingDays(today, workingDays);
        switch (command.Action)
        {
            case ProcedureAction.Submit:
            case ProcedureAction.DistrictReturn:
                app.StepDueOn = In(_deadlines.StreetReviewWorkingDays);
                if (command.Action == ProcedureAction.DistrictReturn)
                {
                    app.LastReason = command.Reason;
                }
                break;
            case ProcedureAction.StreetApprove:
                app.StepDueOn = In(_deadlines.DistrictReviewWorkingDays);
                break;
            case ProcedureAction.StreetReturn:
                app.StepDueOn = null;
                app.LastReason = command.Reason;
                break;
            case ProcedureAction.OpenFirstNotice:
                app.FirstNoticeEndsOn = In(_deadlines.FirstNoticeWorkingDays);
                app.StepDueOn = null;
                break;
            case ProcedureAction.RecordDrawnFlat:
                app.ResultNoticeEndsOn = In(_deadlines.ResultNoticeWorkingDays);
                app.AllocatedFlatId = command.FlatId;
                app.LotteryRank = command.Rank;
                app.LotteryId = command.LotteryId;
                app.StepDueOn = null;
                break;
            case ProcedureAction.RecordNotDrawn:
                app.LotteryRank = command.Rank;
                app.LotteryId = command.LotteryId;
                app.StepDueOn = null;
                break;
            case ProcedureAction.CloseResultNotice:
                app.StepDueOn = In(_deadlines.ContractWorkingDays);
                break;
            case ProcedureAction.SignContract:
                app.StepDueOn = In(_deadlines.MoveInWorkingDays);
                break;
            case ProcedureAction.MoveIn:
            case ProcedureAction.StartSubsidy:
            case ProcedureAction.PassAnnualReview:
                app.StepDueOn = null;
                app.NextAnnualReviewDueOn = today.AddMonths(_deadlines.AnnualReviewMonths);
                break;
            case ProcedureAction.ExitOnAnnualReview:
            case ProcedureAction.Withdraw:
                app.StepDueOn = null;
                app.NextAnnualReviewDueOn = null;
                app.LastReason = command.Reason;
                break;
            case ProcedureAction.DistrictApprove:
            case ProcedureAction.CloseFirstNotice:
            case ProcedureAction.EnterLottery:
            case ProcedureAction.RemoveOnObjection:
                app.StepDueOn = null;
                break;
        }
    }

    private static void Record(HouseholdApplication app, ProcedureAction action, ApplicationStatus from, Actor actor, DateTime nowUtc, string? reason)
    {
        if (action == ProcedureAction.Submit)
        {
            app.SubmittedUtc = nowUtc;
        }
        app.Events.Add(new ApplicationEvent
        {
            Id = Guid.NewGuid(),
            ApplicationId = app.Id,
            Sequence = app.Events.Count + 1,
            AtUtc = nowUtc,
            Action = action,
            From = from,
            To = app.Status,
            ActorUserId = actor.UserId,
            ActorRole = actor.Role,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        });
        app.Version++;
    }
}
