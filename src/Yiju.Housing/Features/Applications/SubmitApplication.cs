using System.Security.Cryptography;
using System.Text;
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

/// <summary>One household member as typed in: money in 元 (yuan), as people write it.</summary>
public sealed record MemberInput(string? Name, string? IdNumber, [property: JsonConverter(typeof(JsonStringEnumConverter<Relationship>))] Relationship Relationship, decimal MonthlyIncomeYuan,
    bool LocalHukou, int SocialInsuranceMonths, bool Disabled, bool Veteran);

public sealed record SubmitApplicationCommand([property: JsonConverter(typeof(JsonStringEnumConverter<SchemeKind>))] SchemeKind Scheme, string? DistrictCode, string? StreetCode, double CurrentHousingAreaM2,
    decimal AssetsYuan, bool SpecialHardship, IReadOnlyList<MemberInput> Members, [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<DocumentUpload>? Documents = null);

public sealed record SubmittedApplication(Guid Id, string Number, [property: JsonConverter(typeof(JsonStringEnumConverter<ApplicationStatus>))] ApplicationStatus Status, DateOnly? StreetReviewDueOn);

/// <summary>
/// A household applies, online (anonymous resident) or at the street office (street staff, who may only enter
/// applications for their own street). Every problem is reported at once: malformed ID numbers, negative figures,
/// a person already in another household's application, a household applying twice, and each eligibility rule that
/// fails under the rule set in force.
/// </summary>
public sealed class SubmitApplication(IHousingDb db, HousingAccess access, ApplicationProcedure procedure, TimeProvider clock)
{
    public const int MaxMembers = 12;

    public async Task<Outcome<SubmittedApplication>> Handle(SubmitApplicationCommand command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(now);
        Actor actor;
        if (caller.PersonId is null)
        {
            actor = new Actor(Guid.NewGuid(), ActorRole.Applicant);
        }
        else
        {
            var street = (await access.ActorsOf(caller, ct)).FirstOrDefault(a => a.Role == ActorRole.StreetReviewer);
            if (street is null)
                return Failure.Forbidden("只有街道工作人员可以代居民录入申请 (only street staff enter applications for residents)");
            if (!string.Equals(street.StreetCode, command.StreetCode?.Trim(), StringComparison.Ordinal))
                return Failure.Forbidden("只能录入本街道的申请 (only for your own street)");
            actor = street;
        }
        if (!Enum.IsDefined(command.Scheme))
            return Failure.Invalid("scheme", "未知的保障方式 (unknown scheme)");
        if (command.Members.Count > MaxMembers)
            return Failure.Invalid("members", $"家庭成员最多{MaxMembers}人 (too many members)");

        var district = command.DistrictCode?.Trim() ?? "";
        var streetCode = command.StreetCode?.Trim() ?? "";
        var problems = new List<Reason>();
        if (district.Length > 0 && streetCode.Length > 0 && (!HarbinDistricts.IsDistrict(district) || !streetCode.StartsWith(district, StringComparison.Ordinal) || streetCode.Length != 9 || !streetCode.All(char.IsAsciiDigit)))
            problems.Add(new("district_or_street_invalid", "所在区、街道代码无效（街道代码为9位数字，前6位是区代码）"));
        if (!double.IsFinite(command.CurrentHousingAreaM2))
            problems.Add(new(ApplicationValidator.NegativeAreaCode, "现有住房面积无效"));

        var application = new HouseholdApplication
        {
            Id = Guid.NewGuid(),
            Number = NewNumber(command.Scheme, today),
            Scheme = command.Scheme,
            DistrictCode = district,
            StreetCode = streetCode,
            ApplicantUserId = actor.Role == ActorRole.Applicant ? actor.UserId : Guid.NewGuid(),
            CurrentHousingAreaM2 = double.IsFinite(command.CurrentHousingAreaM2) ? command.CurrentHousingAreaM2 : 0,
            AssetsFen = ToFen(command.AssetsYuan),
            SpecialHardship = command.SpecialHardship,
            CreatedUtc = now,
        };
        foreach (var m in command.Members)
        {
            var raw = m.IdNumber?.Trim() ?? "";
            var id = ChineseIdNumber.Check(raw, today, out var normalised, out _) == IdNumberError.None ? normalised! : raw.ToUpperInvariant();
            application.Members.Add(new ApplicationMember
            {
                Id = Guid.NewGuid(),
                ApplicationId = application.Id,
                Name = m.Name?.Trim() ?? "",
                IdNumber = id,
                Relationship = m.Relationship,
                MonthlyIncomeFen = ToFen(m.MonthlyIncomeYuan),
                LocalHukou = m.LocalHukou,
                SocialInsuranceMonths = m.SocialInsuranceMonths,
                Disabled = m.Disabled,
                Veteran = m.Veteran,
            });
        }
        var contents = new List<DocumentContent>();
        var uploads = command.Documents ?? [];
        if (uploads.Count > ApplicationDocuments.MaxDocumentsPerApplication)
            problems.Add(new("documents", $"每份申请最多{ApplicationDocuments.MaxDocumentsPerApplication}份材料"));
        foreach (var upload in uploads.Take(ApplicationDocuments.MaxDocumentsPerApplication))
        {
            var (document, problem) = ApplicationDocuments.Prepare(application.Id, upload, actor.UserId, now);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }
            application.Documents.Add(document);
            contents.Add(new DocumentContent { DocumentId = document.Id, Content = upload.Content });
        }
        application.HouseholdId = HouseholdOf(application.Applicant?.IdNumber ?? application.Id.ToString("N"));

        var ids = application.Members.Select(m => m.IdNumber).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var others = await db.HousingApplications.AsNoTracking().Include(a => a.Members)
            .Where(a => a.Status != ApplicationStatus.Draft && a.Status != ApplicationStatus.Removed && a.Status != ApplicationStatus.Exited && a.Status != ApplicationStatus.Withdrawn)
            .Where(a => a.HouseholdId == application.HouseholdId || a.Members.Any(m => ids.Contains(m.IdNumber)))
            .ToListAsync(ct);
        var index = new ActiveApplicationIndex();
        foreach (var other in others)
            index.Add(other);
        problems.AddRange(ApplicationValidator.Validate(application, today, index));
        if (problems.Count == 0)
        {
            var sets = await db.EligibilityRuleSets.AsNoTracking().Include(s => s.Rules).Where(s => s.Scheme == command.Scheme).ToListAsync(ct);
            var ruleSet = EligibilityRuleSet.InForce(sets, command.Scheme, now);
            if (ruleSet is null)
                return Failure.Invalid("scheme", "该保障方式尚未设定准入条件 (no eligibility rules in force for this scheme)");
            application.RuleSetId = ruleSet.Id;
            problems.AddRange(EligibilityEvaluator.Evaluate(ruleSet, application, today).Failures);
        }
        if (problems.Count > 0)
            return Invalid(problems);

        var submitted = procedure.Apply(application, new ProcedureCommand(ProcedureAction.Submit), actor, now);
        if (!submitted.Succeeded)
            return HousingAccess.ToFailure(submitted.Refusal!);
        db.HousingApplications.Add(application);
        db.HousingDocumentContents.AddRange(contents);
        await db.SaveChangesAsync(ct);
        return new SubmittedApplication(application.Id, application.Number, application.Status, application.StepDueOn);
    }

    /// <summary>All reasons, grouped by code, so the API's ProblemDetails and the page list every one.</summary>
    public static Failure Invalid(IEnumerable<Reason> reasons)
    {
        var errors = reasons.GroupBy(r => r.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Text).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        return Failure.Invalid("申请有误，请按提示修改 (the application has problems)", errors);
    }

    /// <summary>A household is known by its applicant's ID number; the hash keeps the number out of the key.</summary>
    public static Guid HouseholdOf(string applicantIdNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("yiju-household:" + applicantIdNumber));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static long ToFen(decimal yuan) => (long)Math.Round(yuan * 100m, MidpointRounding.AwayFromZero);

    private static string NewNumber(SchemeKind scheme, DateOnly today)
    {
        var prefix = scheme switch
        {
            SchemeKind.PublicRental => "GZ",
            SchemeKind.AffordableRental => "BZ",
            SchemeKind.RentalSubsidy => "BT",
            _ => "HA",
        };
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{prefix}{today:yyyyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}");
    }
}
