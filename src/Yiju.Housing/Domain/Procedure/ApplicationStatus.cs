namespace Yiju.Housing.Domain;

/// <summary>
/// 两审核、一登记、两公开: where an application stands. Terminal states are <see cref="Removed"/>,
/// <see cref="Exited"/> and <see cref="Withdrawn"/>.
/// </summary>
public enum ApplicationStatus
{
    Draft = 0,

    /// <summary>Waiting for the street's review (街道初审).</summary>
    Submitted = 1,

    /// <summary>Returned by the street to the applicant for correction; may be resubmitted.</summary>
    ReturnedByStreet = 2,

    /// <summary>Street approved; waiting for the district's review (区复审).</summary>
    StreetApproved = 3,

    /// <summary>Returned by the district to the street, which reviews again.</summary>
    ReturnedByDistrict = 4,

    /// <summary>Registered on the waiting list (登记轮候).</summary>
    Registered = 5,

    /// <summary>In the first public notice (资格公示).</summary>
    FirstNotice = 6,

    /// <summary>Notice passed without an upheld objection; waiting for a lottery or a subsidy start.</summary>
    Eligible = 7,

    InLottery = 8,

    /// <summary>A flat was drawn; in the second public notice (结果公示).</summary>
    ResultNotice = 9,

    /// <summary>Result notice passed; waiting to sign the lease.</summary>
    Allocated = 10,

    Contracted = 11,
    MovedIn = 12,

    /// <summary>Receiving a monthly rental subsidy.</summary>
    Subsidised = 13,

    /// <summary>An objection during a notice was upheld.</summary>
    Removed = 14,

    /// <summary>Left the scheme, usually at the annual re-check (年审退出).</summary>
    Exited = 15,

    Withdrawn = 16,
}

public static class ApplicationStatuses
{
    /// <summary>Drafts and finished applications do not block a household or a person from applying.</summary>
    public static bool IsActive(this ApplicationStatus s) =>
        s is not (ApplicationStatus.Draft or ApplicationStatus.Removed or ApplicationStatus.Exited or ApplicationStatus.Withdrawn);

    public static string ChineseName(this ApplicationStatus s) => s switch
    {
        ApplicationStatus.Draft => "草稿",
        ApplicationStatus.Submitted => "待街道审核",
        ApplicationStatus.ReturnedByStreet => "街道退回",
        ApplicationStatus.StreetApproved => "待区审核",
        ApplicationStatus.ReturnedByDistrict => "区退回街道",
        ApplicationStatus.Registered => "已登记轮候",
        ApplicationStatus.FirstNotice => "资格公示中",
        ApplicationStatus.Eligible => "公示通过",
        ApplicationStatus.InLottery => "摇号中",
        ApplicationStatus.ResultNotice => "结果公示中",
        ApplicationStatus.Allocated => "待签约",
        ApplicationStatus.Contracted => "已签约",
        ApplicationStatus.MovedIn => "已入住",
        ApplicationStatus.Subsidised => "领取租赁补贴",
        ApplicationStatus.Removed => "公示异议成立，已取消资格",
        ApplicationStatus.Exited => "已退出",
        ApplicationStatus.Withdrawn => "已撤回",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
