using Yiju.Kernel.Calendar;

namespace Yiju.Hotline.Domain;

/// <summary>
/// The statutory limits of the 《信访工作条例》 (中共中央、国务院, in force 1 May 2022), in calendar days (the regulation
/// says 日, not 工作日) and due at 24:00 Asia/Shanghai of the last day; the day of the event itself is not counted.
/// See docs/modules/hotline.md for the provisions and how they were checked.
/// </summary>
public static class PetitionRules
{
    /// <summary>Decide whether to accept and tell the petitioner in writing within 15 days of receipt (受理告知).</summary>
    public const int DecisionDays = 15;

    /// <summary>Handle within 60 days of acceptance (办结).</summary>
    public const int HandlingDays = 60;

    /// <summary>An extension of at most 30 days, approved by the body's head, once (延期).</summary>
    public const int MaxExtensionDays = 30;

    /// <summary>The petitioner may ask for a review within 30 days of receiving the reply (复查, then 复核 of the review).</summary>
    public const int ReviewRequestDays = 30;

    /// <summary>The reviewing body answers within 30 days of receiving the request.</summary>
    public const int ReviewDays = 30;

    /// <summary>复查 and then 复核; the 复核 opinion is final.</summary>
    public const int MaxReviews = 2;

    public static DateTime DecisionDue(DateTime receivedUtc) => EndOfDayAfter(receivedUtc, DecisionDays);

    public static DateTime HandlingDue(DateTime acceptedUtc) => EndOfDayAfter(acceptedUtc, HandlingDays);

    public static DateTime ReviewRequestDeadline(DateTime repliedUtc) => EndOfDayAfter(repliedUtc, ReviewRequestDays);

    public static DateTime ReviewDue(DateTime requestedUtc) => EndOfDayAfter(requestedUtc, ReviewDays);

    private static DateTime EndOfDayAfter(DateTime utc, int days) =>
        ChinaTime.EndOfDayUtc(ChinaTime.DateOf(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).AddDays(days));
}
