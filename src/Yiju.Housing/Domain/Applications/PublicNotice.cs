namespace Yiju.Housing.Domain.Applications;

/// <summary>
/// One household as a public notice (公示) may show it: the application number, the applicant's masked name and
/// masked ID number, household size and where it applied. Incomes, assets, members and documents never appear.
/// </summary>
public sealed record PublicNoticeRow(
    string ApplicationNumber,
    string ApplicantName,
    string ApplicantIdNumber,
    int HouseholdSize,
    string DistrictCode,
    string StreetCode,
    int? PriorityTier,
    int? LotteryRank,
    string? FlatCode);

public static class PublicNotices
{
    public static PublicNoticeRow Row(HouseholdApplication application, string? flatCode = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        var applicant = application.Applicant;
        return new PublicNoticeRow(
            application.Number,
            applicant is null ? "" : NameMasking.Mask(applicant.Name),
            applicant is null ? "" : ChineseIdNumber.Mask(applicant.IdNumber.Trim()),
            application.HouseholdSize,
            application.DistrictCode,
            application.StreetCode,
            application.PriorityTier,
            application.LotteryRank,
            flatCode);
    }

    /// <summary>资格公示: households currently in the first notice, in application-number order.</summary>
    public static IReadOnlyList<PublicNoticeRow> FirstNotice(IEnumerable<HouseholdApplication> applications) =>
        applications.Where(a => a.Status == ApplicationStatus.FirstNotice)
            .OrderBy(a => a.Number, StringComparer.Ordinal).Select(a => Row(a)).ToList();

    /// <summary>结果公示: households in the result notice with rank and flat, in rank order.</summary>
    public static IReadOnlyList<PublicNoticeRow> ResultNotice(IEnumerable<HouseholdApplication> applications, Func<Guid, string?> flatCode) =>
        applications.Where(a => a.Status == ApplicationStatus.ResultNotice)
            .OrderBy(a => a.LotteryRank).Select(a => Row(a, a.AllocatedFlatId is Guid f ? flatCode(f) : null)).ToList();
}
