namespace Yiju.Hotline.Domain;

/// <summary>
/// Who performs a transition: a signed-in person (Organisation's person id) acting in one hotline role,
/// for one receiving unit — a department id for <see cref="HotlineRole.DepartmentStaff"/>, a district or
/// street unit id otherwise — and none for centre roles. Residents have no person id.
/// </summary>
public sealed record Actor(long? PersonId, string Name, HotlineRole Role, long? UnitId = null)
{
    /// <summary>A resident submitting through the public form or Open311; may only create tickets.</summary>
    public static Actor Resident(string channelName) => new(null, channelName, HotlineRole.Resident);
}
