namespace Yiju.Kernel.Auditing;

/// <summary>
/// The actor of a scope opened to finish work for requests outside them: the hotline's intake writer saves tickets
/// of several requests in one transaction, under the name each request's actor had. Unset, the host's own
/// <see cref="IAuditActor"/> decides.
/// </summary>
public sealed class OnBehalfOf
{
    public string? Name { get; set; }
}
