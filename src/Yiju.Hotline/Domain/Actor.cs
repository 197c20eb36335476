namespace Yiju.Hotline.Domain;

/// <summary>
/// Who performs a transition: a signed-in person (Organisation's person id) acting in one hotline role,
/// for one receiving unit — a department id for <see cref="HotlineRole.DepartmentStaff"/>, a district or
/// street unit id otherwise — and none for centre roles. Residents have no person id.
/// <paramref name="PetitionBureau"/> marks staff of the petition bureau (市信访局), who register, assign, call back and close
/// petitions as the centre does for hotline tickets (see <see cref="TicketWorkflow"/>).
/// </summary>
public sealed record Actor(long? PersonId, string Name, HotlineRole Role, long? UnitId = null, bool PetitionBureau = false)
{
    /// <summary>A resident submitting through the public form or Open311; may only create tickets.</summary>
    public static Actor Resident(string channelName) => new(null, channelName, HotlineRole.Resident);

    /// <summary>The scheduled deadline job; may only remind and escalate.</summary>
    public static Actor System { get; } = new(null, "系统 (deadline job)", HotlineRole.System);
}

/// <summary>The petition bureau (信访局) as an organisation department: its staff get the petition powers.</summary>
public static class PetitionBureau
{
    /// <summary>The department code of 市信访局 in Organisation's seed (departments.csv).</summary>
    public const string DepartmentCode = "xfj";
}
