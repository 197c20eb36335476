using System.Globalization;

namespace Yiju.Housing.Domain.Applications;

/// <summary>
/// Applications that still hold a person or a place in a queue, indexed by member ID number,
/// so that submission can refuse a person in two households and a household applying twice.
/// </summary>
public sealed class ActiveApplicationIndex
{
    private readonly Dictionary<string, List<(Guid ApplicationId, Guid HouseholdId, SchemeKind Scheme, string Number)>> _byIdNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid HouseholdId, SchemeKind Scheme), List<Guid>> _byHousehold = [];

    public void Add(HouseholdApplication application)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!application.Status.IsActive())
        {
            return;
        }
        if (!_byHousehold.TryGetValue((application.HouseholdId, application.Scheme), out var ids))
        {
            _byHousehold[(application.HouseholdId, application.Scheme)] = ids = [];
        }
        ids.Add(application.Id);
        foreach (var m in application.Members)
        {
            var key = m.IdNumber.Trim().ToUpperInvariant();
            if (!_byIdNumber.TryGetValue(key, out var list))
            {
                _byIdNumber[key] = list = [];
            }
            list.Add((application.Id, application.HouseholdId, application.Scheme, application.Number));
        }
    }

    public IEnumerable<(Guid ApplicationId, Guid HouseholdId, SchemeKind Scheme, string Number)> ByIdNumber(string idNumber) =>
        _byIdNumber.TryGetValue(idNumber.Trim().ToUpperInvariant(), out var list) ? list : [];

    public bool HouseholdHasOther(Guid householdId, SchemeKind scheme, Guid exceptApplicationId) =>
        _byHousehold.TryGetValue((householdId, scheme), out var ids) && ids.Exists(id => id != exceptApplicationId);
}

/// <summary>Checks an application before it may be submitted. Every problem is reported, each with a code and a Chinese reason.</summary>
public static class ApplicationValidator
{
    public const string NoMembersCode = "no_members";
    public const string NoApplicantCode = "no_applicant";
    public const string MultipleApplicantsCode = "multiple_applicants";
    public const string NameMissingCode = "member_name_missing";
    public const string IdInvalidCode = "id_number_invalid";
    public const string IdDuplicateCode = "id_number_duplicate_in_household";
    public const string NegativeIncomeCode = "negative_income";
    public const string NegativeAssetsCode = "negative_assets";
    public const string NegativeAreaCode = "negative_housing_area";
    public const string NegativeInsuranceCode = "negative_social_insurance_months";
    public const string PersonInOtherHouseholdCode = "person_in_other_household_application";
    public const string DuplicateApplicationCode = "household_already_applied";
    public const string LocationMissingCode = "district_or_street_missing";

    public static IReadOnlyList<Reason> Validate(HouseholdApplication application, DateOnly today, ActiveApplicationIndex index)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(index);
        var ci = CultureInfo.InvariantCulture;
        var issues = new List<Reason>();

        if (string.IsNullOrWhiteSpace(application.DistrictCode) || string.IsNullOrWhiteSpace(application.StreetCode))
        {
            issues.Add(new(LocationMissingCode, "未填写所在区、街道"));
        }
        if (application.Members.Count == 0)
        {
            issues.Add(new(NoMembersCode, "申请家庭没有成员"));
        }
        var applicants = application.Members.Count(m => m.Relationship == Relationship.Applicant);
        if (application.Members.Count > 0 && applicants == 0)
        {
            issues.Add(new(NoApplicantCode, "家庭成员中没有申请人"));
        }
        else if (applicants > 1)
        {
            issues.Add(new(MultipleApplicantsCode, "一个家庭只能有一名申请人"));
        }
        if (application.AssetsFen < 0)
        {
            issues.Add(new(NegativeAssetsCode, "家庭资产不能为负数"));
        }
        if (application.CurrentHousingAreaM2 < 0 || !double.IsFinite(application.CurrentHousingAreaM2))
        {
            issues.Add(new(NegativeAreaCode, "现有住房面积不能为负数"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reportedOtherHousehold = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < application.Members.Count; i++)
        {
            var m = application.Members[i];
            var who = string.IsNullOrWhiteSpace(m.Name) ? string.Create(ci, $"第{i + 1}名成员") : NameMasking.Mask(m.Name);
            if (string.IsNullOrWhiteSpace(m.Name))
            {
                issues.Add(new(NameMissingCode, string.Create(ci, $"第{i + 1}名成员未填写姓名")));
            }
            if (m.MonthlyIncomeFen < 0)
            {
                issues.Add(new(NegativeIncomeCode, $"{who}的月收入不能为负数"));
            }
            if (m.SocialInsuranceMonths < 0)
            {
                issues.Add(new(NegativeInsuranceCode, $"{who}的社保缴纳月数不能为负数"));
            }
            if (!ChineseIdNumber.TryParse(m.IdNumber, today, out var id, out var error))
            {
                issues.Add(new(IdInvalidCode, $"{who}：{ChineseIdNumber.ReasonText(error)}"));
                continue;
            }
            if (!seen.Add(id.Value))
            {
                issues.Add(new(IdDuplicateCode, $"身份证号码{id.Masked}在本家庭中重复出现"));
                continue;
            }
            foreach (var other in index.ByIdNumber(id.Value))
            {
                if (other.ApplicationId != application.Id && other.HouseholdId != application.HouseholdId && reportedOtherHousehold.Add(id.Value))
                {
                    issues.Add(new(PersonInOtherHouseholdCode, $"{who}（{id.Masked}）已是另一户家庭申请（{other.Number}）的成员，同一人不能同时在两户家庭中申请"));
                }
            }
        }

        foreach (var document in application.Documents)
        {
            if (document.Check() is { } problem)
            {
                issues.Add(problem with { Text = $"{document.FileName}：{problem.Text}" });
            }
        }

        if (index.HouseholdHasOther(application.HouseholdId, application.Scheme, application.Id))
        {
            issues.Add(new(DuplicateApplicationCode, $"本家庭已有一份在办的{application.Scheme.ChineseName()}申请，不能重复申请"));
        }
        return issues;
    }
}
