using Yiju.Hotline.Domain;

namespace Yiju.UnitTests.Hotline;

/// <summary>Knowledge-base matching and citation, and hotspots over counts grouped by the database.</summary>
public sealed class HotlineViewsDomainTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static KnowledgeCandidate Entry(long id, string category, string title, string answer, DateOnly? from = null, DateOnly? to = null, bool active = true) =>
        new(id, category, title, answer, from, to, active);

    [Fact]
    public void The_chosen_category_comes_first_and_words_order_entries_within_it()
    {
        KnowledgeCandidate[] entries =
        [
            Entry(1, "heating.fee", "供热费缴纳", "供热费可在营业厅缴纳"),
            Entry(2, "heating.fee", "供热费减免", "低保家庭可申请供热费减免"),
            Entry(3, "heating.outage", "停热报修", "停热请联系供热单位抢修"),
            Entry(4, "water.outage", "停水通知", "停水信息见供水公司公告"),
        ];
        var ranked = KnowledgeMatcher.Rank(entries, "heating.fee", "低保户的供热费能减免吗", Today);
        Assert.Equal([2, 1, 3], ranked.Select(m => m.Id).ToArray());
        Assert.True(ranked[0].SameCategory);
        Assert.False(ranked[2].SameCategory);
    }

    [Fact]
    public void Entries_outside_the_category_are_offered_only_for_matching_words_and_never_outside_their_validity()
    {
        KnowledgeCandidate[] entries =
        [
            Entry(1, "water.outage", "停水通知", "停水信息见供水公司公告"),
            Entry(2, "heating.fee", "旧收费标准", "旧标准", to: Today.AddDays(-1)),
            Entry(3, "heating.fee", "新收费标准", "新标准", from: Today.AddDays(1)),
            Entry(4, "heating.fee", "停用条目", "停用", active: false),
            Entry(5, "heating.fee", "今日生效", "今日起执行", from: Today, to: Today),
        ];
        Assert.Equal([5], KnowledgeMatcher.Rank(entries, "heating.fee", null, Today).Select(m => m.Id).ToArray());
        Assert.Equal([1], KnowledgeMatcher.Rank(entries, "roads.damage", "小区停水了，供水公司有公告吗", Today).Select(m => m.Id).ToArray());
        Assert.Empty(KnowledgeMatcher.Rank(entries, "roads.damage", "路面有坑", Today));
    }

    [Fact]
    public void A_citation_names_the_entry_its_revision_and_source_after_the_answer()
    {
        var note = KnowledgeMatcher.CitationNote(" 请到营业厅缴纳。 ", 12, 3, "供热费缴纳", "某某公告");
        Assert.StartsWith("请到营业厅缴纳。\n", note, StringComparison.Ordinal);
        Assert.Contains("#12 第3版「供热费缴纳」（某某公告）", note, StringComparison.Ordinal);
        Assert.DoesNotContain("（", KnowledgeMatcher.CitationNote("答复", 1, 1, "标题", null), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_needs_a_category_title_answer_and_source_and_an_ordered_validity()
    {
        Assert.Empty(KnowledgeMatcher.Validate("heating.fee", "标题", "答复", "依据", Today, Today));
        Assert.Equal(4, KnowledgeMatcher.Validate(null, " ", "", null, null, null).Count);
        Assert.Single(KnowledgeMatcher.Validate("heating.fee", "标题", "答复", "依据", Today, Today.AddDays(-1)));
        Assert.Single(KnowledgeMatcher.Validate("heating.fee", "标题", new string('字', KnowledgeMatcher.MaxAnswerLength + 1), "依据", null, null));
    }

    [Fact]
    public void Hotspots_over_grouped_counts_match_hotspots_over_tickets()
    {
        var month = new YearMonth(2026, 3);
        var counts = new List<AreaCount>();
        for (var back = 1; back <= 6; back++)
            counts.Add(new AreaCount("street-trade.bbq", 7, month.AddMonths(-back), 3));
        // Two second-level codes of one first-level category in the month add up.
        counts.Add(new AreaCount("street-trade.bbq", 7, month, 5));
        counts.Add(new AreaCount("street-trade.vending", 7, month, 7));
        // Outside the window: ignored.
        counts.Add(new AreaCount("street-trade.bbq", 7, month.AddMonths(-7), 100));
        counts.Add(new AreaCount("street-trade.bbq", 7, month.Next(), 100));
        var hotspot = Assert.Single(HotspotDetector.Detect(counts, month));
        Assert.Equal(("street-trade", 7L, 12), (hotspot.CategoryCode, hotspot.AreaId, hotspot.Count));
        Assert.Equal(3 + (2 * Math.Sqrt(3)), hotspot.Threshold, 9);
        // By full code, the 5 barbecue reports stay under their usual 3 + 2√3, and the new vending reports stand out alone.
        var byCode = Assert.Single(HotspotDetector.Detect(counts, month, new HotspotOptions { TopLevelCategory = false }));
        Assert.Equal(("street-trade.vending", 7), (byCode.CategoryCode, byCode.Count));
    }
}
