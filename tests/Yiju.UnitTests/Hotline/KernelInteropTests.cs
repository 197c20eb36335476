using Yiju.Hotline.Domain;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using static Yiju.UnitTests.Hotline.Build;

namespace Yiju.UnitTests.Hotline;

public class KernelInteropTests
{
    [Fact]
    public void Platform_roles_map_onto_hotline_roles()
    {
        Assert.Equal(HotlineRole.StreetStaff, KernelInterop.ToHotlineRole(Role.StreetStaff));
        Assert.Equal(HotlineRole.HotlineOperator, KernelInterop.ToHotlineRole(Role.HotlineOperator));
        Assert.Null(KernelInterop.ToHotlineRole(Role.Auditor));
    }

    [Fact]
    public void Refusals_become_platform_failures_with_the_right_kind()
    {
        var unit = Department();
        var ticket = Ticket();
        var seen = ticket.Version;
        Ok(ticket.Dispatch(Operator(), T0, unit, Deadlines(T0)));
        Assert.Equal(FailureKind.Conflict, ticket.CheckVersion(seen)!.ToFailure().Kind);
        Assert.Equal(FailureKind.Forbidden, ticket.SignFor(Staff(Department("市教育局")), T0).ToFailure().Kind);
        Assert.Equal(FailureKind.Invalid, ticket.Supervise(Supervisor(), T0, " ").ToFailure().Kind);
        Assert.Throws<InvalidOperationException>(() => ticket.SignFor(Staff(unit), T0.AddMinutes(1)).ToFailure());
    }
}
