using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Eligibility;
using Yiju.Housing.Domain.Procedure;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Applications;

public sealed record ApplicationSummary(Guid Id, string Number, [property: JsonConverter(typeof(JsonStringEnumConverter<SchemeKind>))] SchemeKind Scheme, string DistrictCode, string StreetCode, string ApplicantName,
    string ApplicantIdMasked, int HouseholdSize, [property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))] ApplicationStatus Status, DateOnly? StepDueOn, bool Overdue, int? PriorityTier, int? LotteryRank);

public sealed record MemberView(string Name, string IdMasked, [property: JsonConverter(typeof(JsonStringEnumConverter<Relationship>))] Relationship Relationship, string MonthlyIncomeYuan, bool LocalHukou, int SocialInsuranceMonths, bool Disabled, bool Veteran);

public sealed record EventView(int Sequence, DateTime AtUtc, [property: JsonConverter(typeof(JsonStringEnumConverter<ProcedureAction>))] ProcedureAction Action, [property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))] ApplicationStatus From, [property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))] ApplicationStatus To, [property: JsonConverter(typeof(JsonStringEnumConverter<ActorRole>))] ActorRole ActorRole, string? Reason);

public sealed record ObjectionView(Guid Id, [property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))] ApplicationStatus Notice, string Text, DateTime RaisedUtc, [property: JsonConverter(typeof(JsonStringEnumConverter<ObjectionOutcome>))] ObjectionOutcome Outcome, string? Resolution);

public sealed record StepView([property: JsonConverter(typeof(JsonStringEnumConverter<ProcedureAction>))] ProcedureAction Action, string Name, bool ReasonRequired);

public sealed record ApplicationDetail(ApplicationSummary Summary, IReadOnlyList<MemberView> Members, string IncomePerHeadYuan, string AssetsYuan,
    double CurrentHousingAreaM2, bool SpecialHardship, string PriorityFactors, [property: JsonConverter(typeof(JsonStringEnumConverter<SubmissionChannel>))] SubmissionChannel Channel, string? LastReason, long Version,
    IReadOnlyList<EventView> Events, IReadOnlyList<ObjectionView> Objections, IReadOnlyList<StepView> Steps, bool CanResolveObjections);

/// <summary>What the applicant sees: where the application stands, the tier and rank it drew, and the rules that produced them.</summary>
public sealed record ApplicantView(ApplicationSummary Summary, string PriorityFactors, string? LastReason, IReadOnlyList<EventView> Events,
    string? RuleSetName, string? RuleSetNote, IReadOnlyList<string> Rules, string? LotteryNumber, Guid? LotteryId, string? FlatCode);

public sealed record RuleSetView([property: JsonConverter(typeof(JsonStringEnumConverter<SchemeKind>))] SchemeKind Scheme, string Name, int Version, string PolicyReference, bool Sample, IReadOnlyList<string> Rules);

public sealed record QueueItem(ApplicationSummary Summary, bool Mine);

public sealed record NoticeRowView(PublicNoticeRow Row, string DistrictName, DateOnly? EndsOn);

public sealed class ApplicationQueries(IHousingDb db, HousingAccess access, ApplicationProcedure procedure, TimeProvider clock)
{
    public const int QueueLimit = 500;

    /// <summary>Active applications in the caller's scope, the ones waiting on the caller first.</summary>
    public async Task<Outcome<List<QueueItem>>> Queue(Caller caller, ApplicationStatus? status, CancellationToken ct)
    {
        var actors = await access.ActorsOf(caller, ct);
        if (actors.Count == 0)
            return Failure.Forbidden("无住房保障审核权限 (no housing role)");
        var query = db.HousingApplications.AsNoTracking().Include(a => a.Members).Include(a => a.Objections).AsSplitQuery().AsQueryable();
        if (!actors.Any(a => a.Role == ActorRole.HousingBureau))
        {
            var streets = actors.Where(a => a.Role == ActorRole.StreetReviewer).Select(a => a.StreetCode!).ToList();
            var districts = actors.Where(a => a.Role == ActorRole.DistrictReviewer).Select(a => a.DistrictCode!).ToList();
            query = query.Where(a => streets.Contains(a.StreetCode) || districts.Contains(a.DistrictCode));
        }
        query = status is { } s
            ? query.Where(a => a.Status == s)
            : query.Where(a => a.Status != ApplicationStatus.Draft && a.Status != ApplicationStatus.Removed && a.Status != ApplicationStatus.Exited && a.Status != ApplicationStatus.Withdrawn);
        var apps = await query.OrderBy(a => a.Status).ThenBy(a => a.Number).Take(QueueLimit).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(now);
        return apps
            .Select(a => new QueueItem(Summary(a, today), actors.Any(actor => procedure.AvailableTo(a, actor, now).Any(st => ActOnApplication.ManualActions.Contains(st.Action)))))
            .OrderByDescending(x => x.Mine).ToList();
    }

    public async Task<Outcome<ApplicationDetail>> Detail(Guid id, Caller caller, CancellationToken ct)
    {
        var actors = await access.ActorsOf(caller, ct);
        if (actors.Count == 0)
            return Failure.Forbidden("无住房保障审核权限 (no housing role)");
        var app = await db.HousingApplications.AsNoTracking().Include(a => a.Members).Include(a => a.Events).Include(a => a.Objections)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (app is null)
            return Failure.NotFound("申请不存在 (no such application)");
        if (!HousingAccess.CanSee(actors, app.DistrictCode, app.StreetCode))
            return Failure.Forbidden("该申请不在您的辖区 (outside your area)");
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(now);
        var steps = actors.SelectMany(a => procedure.AvailableTo(app, a, now)).Where(s => ActOnApplication.ManualActions.Contains(s.Action))
            .DistinctBy(s => s.Action).Select(s => new StepView(s.Action, s.ChineseName, s.ReasonRequired)).ToList();
        var canResolve = actors.Any(a => a.Role == ActorRole.HousingBureau || (a.Role == ActorRole.DistrictReviewer && string.Equals(a.DistrictCode, app.DistrictCode, StringComparison.Ordinal)));
        return new ApplicationDetail(Summary(app, today),
            app.Members.OrderBy(m => m.Relationship).Select(m => new MemberView(m.Name, ChineseIdNumber.Mask(m.IdNumber), m.Relationship, Fen.ToYuan(m.MonthlyIncomeFen), m.LocalHukou, m.SocialInsuranceMonths, m.Disabled, m.Veteran)).ToList(),
            Fen.ToYuan(app.HouseholdSize == 0 ? 0 : app.TotalMonthlyIncomeFen / app.HouseholdSize), Fen.ToYuan(app.AssetsFen), app.CurrentHousingAreaM2, app.SpecialHardship,
            PriorityPolicy.ChineseText(PriorityPolicy.Default.FactorsOf(app, today)), app.Channel, app.LastReason, app.Version,
            Events(app), app.Objections.OrderBy(o => o.RaisedUtc).Select(o => new ObjectionView(o.Id, o.Notice, o.Text, o.RaisedUtc, o.Outcome, o.Resolution)).ToList(),
            steps, canResolve);
    }

    /// <summary>The applicant looks the application up by its number and the applicant's full ID number, which only the household knows.</summary>
    public async Task<ApplicantView?> ForApplicant(string? number, string? idNumber, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(number) || string.IsNullOrWhiteSpace(idNumber))
            return null;
        var n = number.Trim().ToUpperInvariant();
        var idn = idNumber.Trim().ToUpperInvariant();
        var app = await db.HousingApplications.AsNoTracking().Include(a => a.Members).Include(a => a.Events)
            .AsSplitQuery().FirstOrDefaultAsync(a => a.Number == n, ct);
        if (app?.Applicant is not { } applicant || !string.Equals(applicant.IdNumber, idn, StringComparison.Ordinal))
            return null;
        var today = ChinaTime.Today(clock.GetUtcNow().UtcDateTime);
        var ruleSet = app.RuleSetId is { } rid ? await db.EligibilityRuleSets.AsNoTracking().Include(s => s.Rules).FirstOrDefaultAsync(s => s.Id == rid, ct) : null;
        var lottery = app.LotteryId is { } lid ? await db.HousingLotteries.AsNoTracking().Where(l => l.Id == lid).Select(l => new { l.Id, l.Number }).FirstOrDefaultAsync(ct) : null;
        var flat = app.AllocatedFlatId is { } fid ? await db.HousingFlats.AsNoTracking().Where(f => f.Id == fid).Select(f => f.Code).FirstOrDefaultAsync(ct) : null;
        return new ApplicantView(Summary(app, today), PriorityPolicy.ChineseText(PriorityPolicy.Default.FactorsOf(app, today)), app.LastReason, Events(app),
            ruleSet?.Name, ruleSet?.PolicyReference, ruleSet is null ? [] : ruleSet.Rules.Select(Describe).ToList(), lottery?.Number, lottery?.Id, flat);
    }

    /// <summary>The rule set in force per scheme, in words; sample values are flagged until the bureau replaces them.</summary>
    public async Task<List<RuleSetView>> RulesInForce(CancellationToken ct)
    {
        var sets = await db.EligibilityRuleSets.AsNoTracking().Include(s => s.Rules).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return Enum.GetValues<SchemeKind>().Select(k => EligibilityRuleSet.InForce(sets, k, now)).OfType<EligibilityRuleSet>()
            .Select(s => new RuleSetView(s.Scheme, s.Name, s.Version, s.PolicyReference, string.Equals(s.PolicyReference, HousingSeeder.SampleNote, StringComparison.Ordinal),
                s.Rules.OrderBy(r => r.Kind).Select(Describe).ToList()))
            .ToList();
    }

    /// <summary>资格公示: only what a notice may show.</summary>
    public async Task<IReadOnlyList<NoticeRowView>> FirstNotice(CancellationToken ct)
    {
        var apps = await db.HousingApplications.AsNoTracking().Include(a => a.Members).Where(a => a.Status == ApplicationStatus.FirstNotice).ToListAsync(ct);
        var ends = apps.ToDictionary(a => a.Number, a => a.FirstNoticeEndsOn, StringComparer.Ordinal);
        return PublicNotices.FirstNotice(apps).Select(r => new NoticeRowView(r, HarbinDistricts.NameOf(r.DistrictCode), ends[r.ApplicationNumber])).ToList();
    }

    public static IReadOnlyList<EventView> Events(HouseholdApplication app) =>
        app.Events.OrderBy(e => e.Sequence).Select(e => new EventView(e.Sequence, e.AtUtc, e.Action, e.From, e.To, e.ActorRole, e.Reason)).ToList();

    public static ApplicationSummary Summary(HouseholdApplication a, DateOnly today) =>
        new(a.Id, a.Number, a.Scheme, a.DistrictCode, a.StreetCode, a.Applicant?.Name ?? "", a.Applicant is { } p ? ChineseIdNumber.Mask(p.IdNumber) : "",
            a.HouseholdSize, a.Status, a.StepDueOn, ApplicationProcedure.IsOverdue(a, today), a.PriorityTier, a.LotteryRank);

    /// <summary>One eligibility rule in words, for the rules the applicant and the public see.</summary>
    public static string Describe(EligibilityRule r)
    {
        var ci = CultureInfo.InvariantCulture;
        return r.Kind switch
        {
            EligibilityRuleKind.IncomePerHeadMax => $"家庭人均月收入不超过{Fen.ToYuan(r.LimitFen ?? 0)}元",
            EligibilityRuleKind.AssetsMax => $"家庭资产不超过{Fen.ToYuan(r.LimitFen ?? 0)}元",
            EligibilityRuleKind.HousingAreaPerHeadMax => r.LimitM2 is 0 ? "本市无自有住房" : string.Create(ci, $"现有人均住房面积不超过{r.LimitM2:0.##}平方米"),
            EligibilityRuleKind.LocalHukouOrSocialInsurance => string.Create(ci, $"申请人具有本市户籍，或在本市连续缴纳社会保险满{r.Min}个月"),
            EligibilityRuleKind.HouseholdSizeRange => string.Create(ci, $"家庭人口{r.Min?.ToString(ci) ?? "1"}至{r.Max?.ToString(ci) ?? "不限"}人"),
            EligibilityRuleKind.ApplicantAgeRange => string.Create(ci, $"申请人年龄{r.Min?.ToString(ci) ?? "0"}至{r.Max?.ToString(ci) ?? "不限"}周岁"),
            _ => r.Kind.ToString(),
        };
    }
}
