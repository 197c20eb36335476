namespace Yiju.Hotline.Domain;

/// <summary>Who performs a transition: a signed-in person with one hotline role, in one unit (none for centre roles).</summary>
public sealed record Actor(Guid UserId, string Name, HotlineRole Role, Guid? UnitId = null)
{
    /// <summary>A resident submitting through the public form or Open311; may only create tickets.</summary>
    public static Actor Resident(string channelName) => new(Guid.Empty, channelName, HotlineRole.Resident);
}
