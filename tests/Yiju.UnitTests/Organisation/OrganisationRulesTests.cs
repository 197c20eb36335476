using Yiju.Kernel.Security;
using Yiju.Organisation.Domain;

namespace Yiju.UnitTests.Organisation;

public class OrganisationRulesTests
{
    private const string Daoli = "/230100/230102/";
    private const string Nangang = "/230100/230103/";
    private const string DaoliStreet = "/230100/230102/230102001/";

    [Theory]
    [InlineData(Role.CityAdmin, null, UnitLevel.District, Daoli, true)]
    [InlineData(Role.DistrictStaff, Daoli, UnitLevel.Street, Daoli, true)]
    [InlineData(Role.DistrictStaff, Daoli, UnitLevel.Community, DaoliStreet, true)]
    [InlineData(Role.DistrictStaff, Daoli, UnitLevel.Street, Nangang, false)]
    [InlineData(Role.DistrictStaff, Daoli, UnitLevel.District, Daoli, false)]
    [InlineData(Role.StreetStaff, DaoliStreet, UnitLevel.Community, DaoliStreet, true)]
    [InlineData(Role.StreetStaff, DaoliStreet, UnitLevel.Street, Daoli, false)]
    [InlineData(Role.StreetStaff, DaoliStreet, UnitLevel.Community, "/230100/230102/230102002/", false)]
    [InlineData(Role.DepartmentStaff, null, UnitLevel.Community, DaoliStreet, false)]
    [InlineData(Role.Auditor, null, UnitLevel.Street, Daoli, false)]
    public void Who_may_manage_a_unit(Role role, string? scope, UnitLevel level, string path, bool allowed) =>
        Assert.Equal(allowed, OrganisationRules.CanManageUnit([new RoleGrant(role, scope, null)], level, path));

    [Fact]
    public void A_street_code_that_merely_starts_like_another_is_not_inside_it()
    {
        // Paths end with '/', so street 230102001 does not cover 2301020010.
        Assert.False(OrganisationRules.CanManageUnit([new RoleGrant(Role.StreetStaff, DaoliStreet, null)], UnitLevel.Community, "/230100/230102/2301020010/"));
    }

    [Theory]
    [InlineData("道里区", null)]
    [InlineData("", "名称不能为空")]
    [InlineData("<b>x</b>", "不允许的字符")]
    [InlineData("a\u0007b", "不允许的字符")]
    public void Names_are_checked(string name, string? problem)
    {
        var result = OrganisationRules.CheckName(name);
        if (problem is null)
            Assert.Null(result);
        else
            Assert.Contains(problem, result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.DistrictStaff, UnitLevel.District, false, true)]
    [InlineData(Role.DistrictStaff, UnitLevel.Street, false, false)]
    [InlineData(Role.StreetStaff, UnitLevel.Street, false, true)]
    [InlineData(Role.DepartmentStaff, null, true, true)]
    [InlineData(Role.DepartmentStaff, null, false, false)]
    [InlineData(Role.CityAdmin, null, false, true)]
    [InlineData(Role.Auditor, UnitLevel.District, false, false)]
    public void Each_role_gets_the_kind_of_scope_it_needs(Role role, UnitLevel? level, bool department, bool ok) =>
        Assert.Equal(ok, OrganisationRules.CheckGrantScope(role, level, department) is null);

    [Fact]
    public void Lockout_after_five_failures_for_fifteen_minutes()
    {
        var person = new Person();
        var now = new DateTime(2026, 11, 22, 1, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 4; i++)
            SignInPolicy.RecordFailure(person, now);
        Assert.False(SignInPolicy.IsLockedOut(person, now));
        SignInPolicy.RecordFailure(person, now);
        Assert.True(SignInPolicy.IsLockedOut(person, now.AddMinutes(14)));
        Assert.False(SignInPolicy.IsLockedOut(person, now.AddMinutes(16)));
    }

    [Fact]
    public void Grants_survive_the_claim_round_trip()
    {
        var grant = new RoleGrant(Role.DepartmentStaff, null, 42);
        Assert.Equal(grant, YijuClaims.ParseGrant(YijuClaims.FormatGrant(grant)));
        var street = new RoleGrant(Role.StreetStaff, DaoliStreet, null);
        Assert.Equal(street, YijuClaims.ParseGrant(YijuClaims.FormatGrant(street)));
        Assert.Null(YijuClaims.ParseGrant("Emperor||"));
    }
}
