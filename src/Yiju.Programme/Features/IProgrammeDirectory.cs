using Yiju.Kernel.Security;

namespace Yiju.Programme.Features;

public sealed record DistrictRef(string Code, string Name);

/// <summary>
/// What the programme needs to know from the organisation, answered by the host (modules do not read each other's
/// tables): the names of the departments a caller works for, and the districts values may be broken down by.
/// </summary>
public interface IProgrammeDirectory
{
    /// <summary>Names (as in 市住建局) of the departments the caller's department-staff grants cover; empty for everyone else.</summary>
    Task<IReadOnlyList<string>> DepartmentNames(Caller caller, CancellationToken ct);

    Task<IReadOnlyList<DistrictRef>> Districts(CancellationToken ct);

    /// <summary>Codes (as in 230102) of the districts the caller's district-staff grants cover; empty for everyone else.</summary>
    Task<IReadOnlyList<string>> DistrictCodes(Caller caller, CancellationToken ct);
}
