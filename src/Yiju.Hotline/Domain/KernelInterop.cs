using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Domain;

/// <summary>Glue between the hotline's own vocabulary and the platform-wide types in Kernel.</summary>
public static class KernelInterop
{
    /// <summary>
    /// The hotline role a platform role acts in; null for roles with no part in the workflow.
    /// Callback operators and centre supervisors are hotline-only roles that Kernel's <see cref="Role"/>
    /// does not list yet; until it does, centre supervision falls to <see cref="Role.CityAdmin"/>.
    /// </summary>
    public static HotlineRole? ToHotlineRole(Role role) => role switch
    {
        Role.HotlineOperator => HotlineRole.HotlineOperator,
        Role.DepartmentStaff => HotlineRole.DepartmentStaff,
        Role.DistrictStaff => HotlineRole.DistrictStaff,
        Role.StreetStaff => HotlineRole.StreetStaff,
        Role.CityAdmin => HotlineRole.CityAdmin,
        Role.ProgrammeCoordinator or Role.Auditor => null,
        _ => null,
    };

    /// <summary>A refused transition as the platform's use-case failure (VersionConflict → Conflict → HTTP 409).</summary>
    public static Failure ToFailure(this TransitionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var message = result.Reason ?? "操作未执行 (not performed)";
        return result.Code switch
        {
            RefusalCode.RoleNotAllowed or RefusalCode.NotAssigneeUnit => Failure.Forbidden(message),
            RefusalCode.VersionConflict or RefusalCode.WrongStatus => Failure.Conflict(message),
            RefusalCode.InvalidArgument => Failure.Invalid(message),
            RefusalCode.None => throw new InvalidOperationException("A successful transition is not a failure."),
            _ => Failure.Invalid(message),
        };
    }
}
