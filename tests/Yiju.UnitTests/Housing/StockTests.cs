using Yiju.Housing.Domain.Stock;

namespace Yiju.UnitTests.Housing;

public class StockTests
{
    [Fact]
    public void Flat_moves_through_its_statuses_and_refuses_wrong_moves()
    {
        var flat = new Flat { Id = Guid.NewGuid(), Code = "3-2-1201", AreaM2 = 48.5, Rooms = 1, Floor = 12 };
        var app = Guid.NewGuid();
        Assert.Null(flat.Allocate(app));
        Assert.Equal((FlatStatus.Allocated, app), (flat.Status, flat.AllocatedApplicationId!.Value));
        Assert.Equal("flat_wrong_status", flat.Allocate(Guid.NewGuid())!.Code);
        Assert.Equal("flat_wrong_status", flat.StartRepair()!.Code);
        Assert.Null(flat.Occupy());
        Assert.Null(flat.Release());
        Assert.Equal((FlatStatus.Vacant, (Guid?)null), (flat.Status, flat.AllocatedApplicationId));
        Assert.Null(flat.StartRepair());
        Assert.Equal("flat_wrong_status", flat.Allocate(app)!.Code);
        Assert.Null(flat.FinishRepair());
        Assert.Equal("flat_not_allocated", flat.Release()!.Code);
    }

    [Theory]
    [InlineData(1, new[] { 1, 0 })]
    [InlineData(2, new[] { 1, 0 })]
    [InlineData(3, new[] { 2, 1 })]
    [InlineData(4, new[] { 2, 1 })]
    [InlineData(5, new[] { 3, 2 })]
    [InlineData(9, new[] { 3, 2 })]
    public void Default_matching_offers_the_largest_allowed_rooms_first(int persons, int[] rooms) =>
        Assert.Equal(rooms, FlatMatchingRules.Default.RoomPreference(persons));

    [Fact]
    public void Matching_rules_are_data_and_overlaps_are_rejected()
    {
        var rules = new FlatMatchingRules { Bands = [new(1, 1, 0, 0), new(2, 3, 1, 1)] };
        Assert.Empty(rules.Validate());
        Assert.True(rules.Matches(1, 0));
        Assert.False(rules.Matches(1, 1));
        Assert.Empty(rules.RoomPreference(4));
        var overlapping = new FlatMatchingRules { Bands = [new(1, 3, 0, 1), new(3, 5, 1, 2)] };
        Assert.Equal("size_band_overlap", Assert.Single(overlapping.Validate()).Code);
        Assert.Equal("size_band_invalid", Assert.Single(new FlatMatchingRules { Bands = [new(2, 1, 0, 1)] }.Validate()).Code);
    }
}
