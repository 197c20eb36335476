namespace Yiju.Places.Domain;

/// <summary>
/// The facility types seeded on first start, per GB 50180-2018 《城市居住区规划设计标准》.
/// Which circle a facility belongs to is set by Appendix B (Table B.0.1: 15- and 10-minute circles; Table B.0.2:
/// 5-minute circle); service radii ("服务半径不宜大于…m") are in the setting requirements of Appendix C (Table C.0.3).
/// Where the standard gives no radius for a facility, the circle's own distance (Table 3.0.4) is used and the
/// clause says so. None of these could be checked against the standard's text: a search of the stored public
/// copies available to us (web pages, documentation and code corpora) found no copy of the 2018 text's Table 3.0.4,
/// Appendix B or Appendix C, only secondary sources, listed per type in <see cref="FacilityType.ClauseVerification"/>.
/// So every type is seeded with <c>ClauseChecked = false</c> and the UI shows that and why; an administrator who
/// checks a clause against the text can tick it and name the copy read. Default capacities are our assumptions for
/// 2SFCA when a facility's own capacity is unknown, not values from the standard.
/// </summary>
public static class FacilityTypeCatalogue
{
    public const string Childcare = "childcare";
    public const string Kindergarten = "kindergarten";
    public const string ElderlyDayCare = "elderly-day-care";
    public const string PrimarySchool = "primary-school";
    public const string Market = "market";
    public const string MiddleSchool = "middle-school";
    public const string HealthCentre = "health-centre";
    public const string ElderlyCareHome = "elderly-care-home";
    public const string Park5 = "park-5";
    public const string Park10 = "park-10";
    public const string Park15 = "park-15";

    /// <summary>Why the circle distances are not marked checked, and what secondary sources say (searched 2026-11-22).</summary>
    private const string CircleNote =
        "未核对原文：检索到的公开资料中没有GB 50180-2018原文的表3.0.4。二手资料一致：中国大百科全书“十分钟生活圈居住区”词条（zgbk.com ID 491601）称步行十分钟约500米、人口1.5万～2.5万；"
        + "《城市规划》英文版术语表（ccprjournal.com.cn/news/9923.htm）称十五分钟生活圈人口5万～10万。 (Not checked against the text: no copy of the 2018 Table 3.0.4 was found; the secondary sources named agree.)";

    /// <summary>Why the service radii are not marked checked.</summary>
    private const string RadiusNote =
        "未核对原文：未找到2018版附录C原文；表号C.0.3亦未确认（五分钟与十五/十分钟设施可能分列于不同的表）。检索到的“服务半径不宜大于300m/500m/1000m”（托幼/小学/中学）出自旧版GB 50180-93附表A.0.3，数值相同但非2018版条文。"
        + " (Not checked: Appendix C of the 2018 text was not found; the radii found are quoted from the superseded GB 50180-93, Table A.0.3.)";

    /// <summary>Why the park sizes are not marked checked.</summary>
    private const string ParkNote =
        "未核对原文：未找到2018版表4.0.4原文。中国大百科全书“十分钟生活圈居住区”词条称其公园一般1.0公顷以上、最小宽度不小于50米，与本表1.0公顷一致；0.4与5.0公顷未找到出处。"
        + " (Not checked: Table 4.0.4 of the 2018 text was not found; an encyclopaedia entry agrees on 1.0 ha for the 10-minute park.)";

    public static IReadOnlyList<FacilityType> Seed() =>
    [
        Type(Childcare, "托儿所（托育）", "Childcare (0–3)", LifeCircleLevel.FiveMinute, 300, AgeGroup.Age0To3, CapacityUnit.Places, 60,
            "GB 50180-2018 附录B 表B.0.2（五分钟生活圈）；附录C 表C.0.3：服务半径不宜大于300m"),
        Type(Kindergarten, "幼儿园", "Kindergarten (3–6)", LifeCircleLevel.FiveMinute, 300, AgeGroup.Age3To6, CapacityUnit.Places, 270,
            "GB 50180-2018 附录B 表B.0.2（五分钟生活圈）；附录C 表C.0.3：服务半径不宜大于300m"),
        Type(ElderlyDayCare, "老年人日间照料中心（托老所）", "Elderly day care", LifeCircleLevel.FiveMinute, 300, AgeGroup.Age65Plus, CapacityUnit.Places, 30,
            "GB 50180-2018 附录B 表B.0.2（五分钟生活圈）；附录C 表C.0.3：服务半径不宜大于300m"),
        Type(PrimarySchool, "小学", "Primary school (6–12)", LifeCircleLevel.TenMinute, 500, AgeGroup.Age6To12, CapacityUnit.Places, 1620,
            "GB 50180-2018 附录B 表B.0.1（十分钟生活圈）；附录C 表C.0.3：服务半径不宜大于500m"),
        Type(Market, "菜市场或生鲜超市", "Market or fresh-food supermarket", LifeCircleLevel.TenMinute, 500, AgeGroup.All, CapacityUnit.SquareMetres, 1500,
            "GB 50180-2018 附录B 表B.0.1（十分钟生活圈）；附录C 表C.0.3：服务半径不宜大于500m"),
        Type(MiddleSchool, "初中", "Middle school (12–15)", LifeCircleLevel.FifteenMinute, 1000, AgeGroup.Age12To15, CapacityUnit.Places, 1500,
            "GB 50180-2018 附录B 表B.0.1（十五分钟生活圈）；附录C 表C.0.3：服务半径不宜大于1000m"),
        Type(HealthCentre, "社区卫生服务中心（社区医院）", "Community health centre", LifeCircleLevel.FifteenMinute, 1000, AgeGroup.All, CapacityUnit.Beds, 50,
            "GB 50180-2018 附录B 表B.0.1（十五分钟生活圈）；附录C 表C.0.3：服务半径不宜大于1000m"),
        Type(ElderlyCareHome, "养老院", "Elderly-care home", LifeCircleLevel.FifteenMinute, 1000, AgeGroup.Age65Plus, CapacityUnit.Beds, 200,
            "GB 50180-2018 附录B 表B.0.1（十五分钟生活圈）；标准未给服务半径，取表3.0.4十五分钟生活圈步行距离上限1000m"),
        Type(Park5, "五分钟生活圈居住区公园（≥0.4公顷）", "5-minute park (≥ 0.4 ha)", LifeCircleLevel.FiveMinute, 300, AgeGroup.All, CapacityUnit.SquareMetres, 4000,
            "GB 50180-2018 第4.0.4条 表4.0.4（公园最小规模0.4hm²）；距离取表3.0.4五分钟生活圈300m", "park"),
        Type(Park10, "十分钟生活圈居住区公园（≥1公顷）", "10-minute park (≥ 1 ha)", LifeCircleLevel.TenMinute, 500, AgeGroup.All, CapacityUnit.SquareMetres, 10000,
            "GB 50180-2018 第4.0.4条 表4.0.4（公园最小规模1.0hm²）；距离取表3.0.4十分钟生活圈500m", "park"),
        Type(Park15, "十五分钟生活圈居住区公园（≥5公顷）", "15-minute park (≥ 5 ha)", LifeCircleLevel.FifteenMinute, 1000, AgeGroup.All, CapacityUnit.SquareMetres, 50000,
            "GB 50180-2018 第4.0.4条 表4.0.4（公园最小规模5.0hm²）；距离取表3.0.4十五分钟生活圈上限1000m", "park"),
    ];

    private static FacilityType Type(string code, string name, string nameEn, LifeCircleLevel level, double distance, AgeGroup group,
        CapacityUnit unit, double defaultCapacity, string clause, string? family = null) => new()
        {
            Code = code,
            Name = name,
            NameEn = nameEn,
            Level = level,
            WalkingDistance = distance,
            TargetGroup = group,
            CapacityUnit = unit,
            DefaultCapacity = defaultCapacity,
            Clause = clause,
            Family = family,
            ClauseChecked = false,
            ClauseVerification = family is not null ? ParkNote : clause.Contains("服务半径不宜大于", StringComparison.Ordinal) ? RadiusNote : CircleNote,
        };
}
