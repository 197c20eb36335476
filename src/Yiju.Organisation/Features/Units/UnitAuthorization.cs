using Microsoft.AspNetCore.Authorization;
using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;

namespace Yiju.Organisation.Features.Units;

/// <summary>The unit being changed, or (for a new unit) its level and its parent's path.</summary>
public sealed record UnitResource(UnitLevel Level, string PathOrParentPath);

public sealed class ManageUnitRequirement : IAuthorizationRequirement
{
    public static ManageUnitRequirement Instance { get; } = new();
}

/// <summary>Resource-based check used by pages to decide what to offer; the handlers apply the same rule again.</summary>
public sealed class UnitAuthorizationHandler : AuthorizationHandler<ManageUnitRequirement, UnitResource>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ManageUnitRequirement requirement, UnitResource resource)
    {
        if (OrganisationRules.CanManageUnit(context.User.Grants(), resource.Level, resource.PathOrParentPath))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
