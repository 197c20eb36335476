namespace Yiju.Kernel.Auditing;

/// <summary>Keeps an entity out of the audit trail entirely (key material, caches): not business state.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>The property's value is written to the audit trail as "***" (password hashes, token hashes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RedactedInAuditAttribute : Attribute;

/// <summary>An entity with an application-managed concurrency token: SQLite has no row version, so Yiju bumps this on every update.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
