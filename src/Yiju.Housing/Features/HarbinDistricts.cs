namespace Yiju.Housing.Features;

/// <summary>Harbin's 18 district-level units as the forms offer them; codes match the Organisation module's seed.</summary>
public static class HarbinDistricts
{
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("230102", "道里区"), ("230103", "南岗区"), ("230104", "道外区"), ("230108", "平房区"), ("230109", "松北区"), ("230110", "香坊区"),
        ("230111", "呼兰区"), ("230112", "阿城区"), ("230113", "双城区"), ("230123", "依兰县"), ("230124", "方正县"), ("230125", "宾县"),
        ("230126", "巴彦县"), ("230127", "木兰县"), ("230128", "通河县"), ("230129", "延寿县"), ("230183", "尚志市"), ("230184", "五常市"),
    ];

    public static bool IsDistrict(string code) => All.Any(d => string.Equals(d.Code, code, StringComparison.Ordinal));

    public static string NameOf(string code) => All.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal)).Name ?? code;
}
