using System.Globalization;

namespace Yiju.Housing.Domain.Stock;

public enum FlatStatus
{
    Vacant = 0,

    /// <summary>Drawn for a household; lease not yet signed or not yet moved in.</summary>
    Allocated = 1,

    Occupied = 2,
    UnderRepair = 3,
}

/// <summary>A housing project (项目), e.g. one public-rental estate. Flats belong to exactly one project.</summary>
public sealed class HousingProject
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string DistrictCode { get; set; } = "";
    public string Address { get; set; } = "";
    public SchemeKind Scheme { get; set; }

    /// <summary>Date the project's flats were raised (筹集: built, converted or taken over), for the programme's "flats raised" figure.</summary>
    public DateOnly RaisedOn { get; set; }

    public List<Flat> Flats { get; set; } = [];
}

public sealed class Flat
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>Building-unit-number, e.g. "3-2-1201"; unique within a project and usable as a lottery flat id once prefixed.</summary>
    public string Code { get; set; } = "";

    public string DistrictCode { get; set; } = "";
    public double AreaM2 { get; set; }

    /// <summary>Bedrooms (居室); 0 is a studio.</summary>
    public int Rooms { get; set; }

    public int Floor { get; set; }
    public FlatStatus Status { get; set; }
    public Guid? AllocatedApplicationId { get; set; }
    public long Version { get; set; }

    public Reason? Allocate(Guid applicationId) => Move(FlatStatus.Vacant, FlatStatus.Allocated, () => AllocatedApplicationId = applicationId);

    public Reason? Occupy() => Move(FlatStatus.Allocated, FlatStatus.Occupied, null);

    /// <summary>The tenant left or the allocation was cancelled (upheld objection, refused contract).</summary>
    public Reason? Release()
    {
        if (Status is not (FlatStatus.Allocated or FlatStatus.Occupied))
        {
            return new Reason("flat_not_allocated", "房源未配租，无需收回");
        }
        Status = FlatStatus.Vacant;
        AllocatedApplicationId = null;
        Version++;
        return null;
    }

    public Reason? StartRepair() => Move(FlatStatus.Vacant, FlatStatus.UnderRepair, null);

    public Reason? FinishRepair() => Move(FlatStatus.UnderRepair, FlatStatus.Vacant, null);

    private Reason? Move(FlatStatus from, FlatStatus to, Action? effect)
    {
        if (Status != from)
        {
            return new Reason("flat_wrong_status", $"房源{Code}当前为“{ChineseName(Status)}”，不能改为“{ChineseName(to)}”");
        }
        Status = to;
        effect?.Invoke();
        Version++;
        return null;
    }

    public static string ChineseName(FlatStatus s) => s switch
    {
        FlatStatus.Vacant => "空置",
        FlatStatus.Allocated => "已配租",
        FlatStatus.Occupied => "已入住",
        FlatStatus.UnderRepair => "维修中",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}

/// <summary>Households of <see cref="MinPersons"/>..<see cref="MaxPersons"/> persons may be given flats of <see cref="MinRooms"/>..<see cref="MaxRooms"/> rooms.</summary>
public sealed record FlatSizeBand(int MinPersons, int MaxPersons, int MinRooms, int MaxRooms);

/// <summary>
/// Matching flats to household size. A household may receive a flat whose room count is inside the band for its size;
/// when several room counts are allowed, the lottery offers the largest first and falls back to smaller ones
/// (按户型标准就高配置，无房源时依次就低). A household whose size is in no band cannot be matched.
/// </summary>
public sealed class FlatMatchingRules
{
    public IReadOnlyList<FlatSizeBand> Bands { get; init; } = [];

    /// <summary>1–2 persons: studio or 1 room; 3–4 persons: 1–2 rooms; 5 or more: 2–3 rooms.</summary>
    public static FlatMatchingRules Default { get; } = new()
    {
        Bands = [new(1, 2, 0, 1), new(3, 4, 1, 2), new(5, 99, 2, 3)],
    };

    public FlatSizeBand? BandFor(int householdSize) =>
        Bands.FirstOrDefault(b => householdSize >= b.MinPersons && householdSize <= b.MaxPersons);

    /// <summary>Room counts in the order they are offered: largest first.</summary>
    public IReadOnlyList<int> RoomPreference(int householdSize)
    {
        var band = BandFor(householdSize);
        if (band is null)
        {
            return [];
        }
        var rooms = new List<int>();
        for (var r = band.MaxRooms; r >= band.MinRooms; r--)
        {
            rooms.Add(r);
        }
        return rooms;
    }

    public bool Matches(int householdSize, int rooms) => BandFor(householdSize) is { } b && rooms >= b.MinRooms && rooms <= b.MaxRooms;

    /// <summary>Bands must not overlap, or the same household would have two standards.</summary>
    public IReadOnlyList<Reason> Validate()
    {
        var issues = new List<Reason>();
        foreach (var b in Bands)
        {
            if (b.MinPersons < 1 || b.MaxPersons < b.MinPersons || b.MinRooms < 0 || b.MaxRooms < b.MinRooms)
            {
                issues.Add(new("size_band_invalid", string.Create(CultureInfo.InvariantCulture, $"户型标准{b.MinPersons}-{b.MaxPersons}人/{b.MinRooms}-{b.MaxRooms}居室无效")));
            }
        }
        var sorted = Bands.OrderBy(b => b.MinPersons).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].MinPersons <= sorted[i - 1].MaxPersons)
            {
                issues.Add(new("size_band_overlap", string.Create(CultureInfo.InvariantCulture, $"户型标准的人数范围重叠：{sorted[i - 1].MinPersons}-{sorted[i - 1].MaxPersons}人与{sorted[i].MinPersons}-{sorted[i].MaxPersons}人")));
            }
        }
        return issues;
    }
}
