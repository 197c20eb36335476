namespace Yiju.Programme.SeedData;

/// <summary>A source document of the shipped Harbin data (copied in shared/seeds), as its README describes it.</summary>
public sealed record SeedDocument(string FileName, string Title, DateOnly? PublishedOn);

public static class SeedDocuments
{
    /// <summary>The press conference at which every actual in the data was reported.</summary>
    public static readonly DateOnly PressConferenceDate = new(2023, 12, 5);

    public static IReadOnlyList<SeedDocument> All { get; } =
    [
        new("000_0adfd30bb43cff4c.txt", "打造“宜居幸福之都”专场新闻发布会（2023年12月5日）", PressConferenceDate),
        new("001_84e83b852cb51155.txt", "2023年政府工作报告（摘要）", null),
        new("002_5b32c9792052f7d7.txt", "《哈尔滨市打造“宜居幸福之都”实施方案(2022—2026年)》和谐家园部分", null),
        new("003_6f33340ec0e58420.txt", "市第十五次党代会代表发言（2022年3月1日报道）", new DateOnly(2022, 3, 1)),
        new("004_0b2c61510965d5ba.txt", "理论文章（刘轶梅、刘亚丽）：公共服务与宜居幸福之都", null),
    ];

    public static SeedDocument? Find(string fileName) =>
        All.FirstOrDefault(d => string.Equals(d.FileName, fileName, StringComparison.Ordinal));
}
