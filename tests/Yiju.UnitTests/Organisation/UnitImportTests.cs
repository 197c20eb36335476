using Yiju.Organisation.Domain;

namespace Yiju.UnitTests.Organisation;

public class UnitImportTests
{
    private static readonly Dictionary<string, UnitImport.ExistingUnit> Existing = new(StringComparer.Ordinal)
    {
        ["230100"] = new("230100", UnitLevel.City, "/230100/"),
        ["230102"] = new("230102", UnitLevel.District, "/230100/230102/"),
        ["230102001"] = new("230102001", UnitLevel.Street, "/230100/230102/230102001/"),
    };

    private static (IReadOnlyList<PlannedUnit> Plan, IReadOnlyList<ImportError> Errors) Validate(params UnitImportRow[] rows) =>
        UnitImport.Validate(rows, Existing, (_, _) => true);

    [Fact]
    public void A_street_and_its_community_in_the_same_file_are_planned_with_their_paths()
    {
        var (plan, errors) = Validate(
            new UnitImportRow(2, "S1", "新街道", "street", "230102", null),
            new UnitImportRow(3, "C1", "新社区", "社区", "S1", "New Community"));
        Assert.Empty(errors);
        Assert.Equal("/230100/230102/S1/C1/", plan[1].Path);
    }

    [Fact]
    public void Every_bad_row_is_reported_and_nothing_is_planned()
    {
        var (plan, errors) = Validate(
            new UnitImportRow(2, "OK1", "好", "street", "230102", null),
            new UnitImportRow(3, "230102001", "已存在", "street", "230102", null),
            new UnitImportRow(4, "X2", "层级错", "community", "230102", null),
            new UnitImportRow(5, "X3", "未知上级", "street", "999", null),
            new UnitImportRow(6, "X4", "坏级别", "province", "230102", null),
            new UnitImportRow(7, "OK1", "重复", "street", "230102", null));
        Assert.Empty(plan);
        Assert.Equal([3, 4, 5, 6, 7], errors.Select(e => e.Line).Distinct().Order().ToArray());
    }

    [Fact]
    public void Rows_outside_the_callers_scope_are_refused()
    {
        var (_, errors) = UnitImport.Validate([new UnitImportRow(2, "S9", "越权", "street", "230102", null)], Existing, (_, _) => false);
        Assert.Contains("无权", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var (_, errors) = Validate();
        Assert.Single(errors);
    }
}
