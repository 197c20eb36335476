namespace Yiju.Hotline.Domain;

public enum RefusalCode
{
    None = 0,
    WrongStatus = 1,
    RoleNotAllowed = 2,
    NotAssigneeUnit = 3,
    InvalidArgument = 4,
    VersionConflict = 5,
}

/// <summary>
/// The outcome of asking a ticket to change. A refusal carries a reason fit to show the user
/// (Chinese first, English after) and a code that an API maps to a status (VersionConflict → 409).
/// </summary>
public sealed record TransitionResult(RefusalCode Code, string? Reason, TicketEvent? Event)
{
    public bool Succeeded => Code == RefusalCode.None;

    public static TransitionResult Ok(TicketEvent entry) => new(RefusalCode.None, null, entry);

    public static TransitionResult Refused(RefusalCode code, string reason) => new(code, reason, null);
}
