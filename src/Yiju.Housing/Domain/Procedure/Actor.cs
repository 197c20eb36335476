namespace Yiju.Housing.Domain.Procedure;

public enum ActorRole
{
    /// <summary>The resident who owns the application.</summary>
    Applicant = 0,

    /// <summary>Staff of one street office (街道), scoped by <see cref="Actor.StreetCode"/>.</summary>
    StreetReviewer = 1,

    /// <summary>Staff of one district housing office (区住房保障部门), scoped by <see cref="Actor.DistrictCode"/>.</summary>
    DistrictReviewer = 2,

    /// <summary>The city housing bureau (市住建局): notices, lotteries, contracts, re-checks city-wide.</summary>
    HousingBureau = 3,
}

/// <summary>Who is acting. Street and district codes come from the Organisation module's scope of the person's role.</summary>
public sealed record Actor(Guid UserId, ActorRole Role, string? StreetCode = null, string? DistrictCode = null)
{
    public static string ChineseName(ActorRole role) => role switch
    {
        ActorRole.Applicant => "申请人",
        ActorRole.StreetReviewer => "街道审核人员",
        ActorRole.DistrictReviewer => "区审核人员",
        ActorRole.HousingBureau => "市住建局",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
