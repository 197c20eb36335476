using System.Text.RegularExpressions;

namespace Yiju.Programme.SeedData;

/// <summary>
/// Notes shown beside seed figures that do not measure quite the same thing as the figures they are compared with.
/// The curated notes restate the README's "Judgement calls and ambiguities" (numbers in brackets); the automatic ones
/// come from the row itself (qualifiers dropped from the value, scope, missing timeframe).
/// </summary>
internal static partial class SeedNotes
{
    private const string AnySource = "";

    // (indicator code, row kind, source file prefix or AnySource) → note.
    private static readonly Dictionary<(string Code, string Kind, string Source), string> Curated = new()
    {
        [("H1.G1.T1.I1", "actual", AnySource)] = "发布会摘要将此数置于“前三季度”句中，人社局答问称“截至10月末”；按1—10月计，与全年目标比较时以10月末的序时进度为准。（见数据说明第1条）",
        [("H1.G1.T1.I2", "actual", AnySource)] = "仅见于“前三季度”句中，实际统计期也可能到10月末。（见数据说明第1条）",
        [("H4.G1.T1.I1", "target", AnySource)] = "目标为“启动改造”面积（开工口径），完成值为“年度完成”面积（完工口径），统计阶段不同，完成度仅供参考。（见数据说明第2条）",
        [("H4.G1.T1.I1", "actual", AnySource)] = "完成值为“年度完成”面积（完工口径），目标为“启动改造”面积（开工口径），统计阶段不同。（见数据说明第2条）",
        [("H4.G1.T1.I2", "target", AnySource)] = "“启动改造项目”数（开工口径）。（见数据说明第2条）",
        [("H3.G1.T3.I1", "target", AnySource)] = "目标表述为“新建改造公园游园”，完成值表述为“新增公园游园”，按同一年度指标处理。（见数据说明第3条）",
        [("H3.G1.T3.I1", "actual", AnySource)] = "完成值表述为“新增公园游园”，目标表述为“新建改造公园游园”，按同一年度指标处理。（见数据说明第3条）",
        [("H4.G1.T2.I1", "target", AnySource)] = "2022—2026年累计目标；原文“3万套”换算为30000套，以便与完成值同单位。（见数据说明第4条）",
        [("H4.G1.T2.I1", "actual", AnySource)] = "仅为2023年当年筹集数；来源未给出2022年数，与五年累计目标比较时完成度偏低。（见数据说明第4条）",
        [("H4.G1.T2.I2", "target", AnySource)] = "每年目标，原文为“租赁补贴”(002)。（见数据说明第4条）",
        [("H4.G1.T2.I2", "actual", AnySource)] = "完成值为“公租房租赁补贴”户数(000)，目标原文为“租赁补贴”，口径可能不完全一致。（见数据说明第4条）",
        [("H4.G2.T3.I2", "target", "000")] = "发布会提出到2025年达到；实施方案(002)另定到2026年，两项目标并列保留。",
        [("H4.G2.T3.I2", "target", "002")] = "实施方案定为到2026年；发布会(000)另提到2025年，两项目标并列保留。",
        [("H4.G2.T5.I2", "target", "000")] = "原文为“建成一所”，记为1。（见数据说明第6条）",
        [("H4.G2.T5.I2", "target", "003")] = "党代会代表“未来五年”的表述，未给出年份；党代会于2022年初召开，按2022—2026年计。（见数据说明第6条）",
        [("H4.G2.T3.I4", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份。（见数据说明第7条）",
        [("H4.G2.T3.I5", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份。（见数据说明第7条）",
        [("H4.G2.T7.I5", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份。（见数据说明第7条）",
        [("H4.G2.T7.I6", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份。（见数据说明第7条）",
        [("H4.G2.T7.I7", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份。（见数据说明第7条）",
        [("H4.G2.T7.I8", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份。（见数据说明第7条）",
        [("H4.G2.T5.I3", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份；21所与34所的帮扶关系可能已经存在。（见数据说明第7条）",
        [("H4.G2.T5.I4", "target", AnySource)] = "教育局答问中的工作计划表述，未给出年份；21所与34所的帮扶关系可能已经存在。（见数据说明第7条）",
        [("H4.G3.T3.I5", "target", AnySource)] = "理论文章中研究者的建议，并非官方目标。（见数据说明第9条）",
        [("H4.G6.T1.I4", "baseline", AnySource)] = "国家个人所得税专项附加扣除标准，市里作为生育支持政策报告。（见数据说明第10条）",
        [("H4.G6.T1.I4", "actual", AnySource)] = "国家个人所得税专项附加扣除标准，市里作为生育支持政策报告。（见数据说明第10条）",
        [("H5.G1.T2.I2", "actual", AnySource)] = "原文为“三连冠”，记为3次。",
    };

    public static string? For(string code, string kind, string sourceFile, string year, string period, string scope, string quote)
    {
        var notes = new List<string>();
        var prefix = sourceFile.Length >= 3 ? sourceFile[..3] : sourceFile;
        if (Curated.TryGetValue((code, kind, prefix), out var specific))
        {
            notes.Add(specific);
        }
        else if (Curated.TryGetValue((code, kind, AnySource), out var general))
        {
            notes.Add(general);
        }

        var yearAlreadyExplained = notes.Exists(n => n.Contains("未给出年份", StringComparison.Ordinal));
        if (kind == "target" && period.Length == 0 && !yearAlreadyExplained)
        {
            notes.Add("来源未给出时间范围。");
        }
        else if (kind == "target" && period.Length > 0 && year.Length == 0 && !yearAlreadyExplained)
        {
            notes.Add("来源未给出完成年限。");
        }

        if (!string.Equals(scope, "全市", StringComparison.Ordinal))
        {
            notes.Add($"范围：{scope}。");
        }

        var qualifier = Qualifier().Match(quote);
        if (qualifier.Success)
        {
            notes.Add($"原文带限定词“{qualifier.Groups["q"].Value}”，数值取所述数字。");
        }

        return notes.Count == 0 ? null : string.Join("", notes);
    }

    // The README drops 以上, 余, 近, 超过, 突破 and 至少 from values; "以上" also appears in "65岁以上" and "市级以上",
    // which qualify the subject, not the number, so it only counts right after a number or its unit.
    [GeneratedRegex(@"(?:[\d%个所户人套次条场块家项](?<q>以上))|(?:\d(?<q>余))|(?:(?<q>近|超过|突破|至少)\D{0,3}\d)")]
    private static partial Regex Qualifier();
}
