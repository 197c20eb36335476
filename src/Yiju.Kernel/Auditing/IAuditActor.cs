namespace Yiju.Kernel.Auditing;

/// <summary>Who is changing state right now: a signed-in person, a token, the CLI or a scheduled job. Written on every audit row.</summary>
public interface IAuditActor
{
    string Name { get; }
}

public sealed class FixedAuditActor(string name) : IAuditActor
{
    public string Name { get; } = name;
}
