using Yiju.Hotline.Domain;
using Yiju.Kernel.Geo;
using static Yiju.UnitTests.Hotline.Build;

namespace Yiju.UnitTests.Hotline;

public class DuplicateAndTaxonomyTests
{
    private static readonly GeoPoint Zhongyang = new(45.7732, 126.6177);

    [Fact]
    public void A_nearby_similar_report_in_the_same_category_is_suggested_for_merging()
    {
        var existing = Ticket(T0, "street-trade.bbq", "中央大街辅街每天晚上露天烧烤，油烟很大，烟味进屋", location: Zhongyang);
        var farAway = Ticket(T0, "street-trade.bbq", "中央大街辅街每天晚上露天烧烤，油烟很大，烟味进屋", location: new GeoPoint(45.7732, 126.6300));
        var otherTopic = Ticket(T0, "noise.commercial", "中央大街辅街每天晚上露天烧烤，油烟很大，烟味进屋", location: Zhongyang);
        var old = Ticket(T0.AddDays(-20), "street-trade.bbq", "中央大街辅街每天晚上露天烧烤，油烟很大，烟味进屋", location: Zhongyang);
        var unrelated = Ticket(T0, "street-trade.vending", "早市摊贩占用人行道，行人无法通行", location: Zhongyang);
        var incoming = Ticket(T0.AddDays(1), "street-trade.vending", "辅街晚上有人露天烧烤，油烟大，烟味飘进屋里", location: new GeoPoint(45.7736, 126.6180));

        var suggestions = DuplicateDetector.FindCandidates(incoming, [existing, farAway, otherTopic, old, unrelated]);

        var suggestion = Assert.Single(suggestions);
        Assert.Equal(existing.Id, suggestion.TicketId);
        Assert.InRange(suggestion.DistanceMetres!.Value, 30, 60);
        Assert.InRange(suggestion.Score, 0.3, suggestion.TextSimilarity);
    }

    [Fact]
    public void Closed_tickets_are_not_merge_targets_and_unlocated_ones_need_the_same_street()
    {
        var street = NewId();
        var closed = Ticket(T0, text: "暖气不热，室温十二度");
        Ok(closed.ResolveAtIntake(Operator(), T0, "已告知"));
        var sameStreet = Ticket(T0, text: "暖气不热，室温只有十二度", streetId: street);
        var otherStreet = Ticket(T0, text: "暖气不热，室温只有十二度", streetId: NewId());
        var incoming = Ticket(T0.AddHours(3), text: "暖气不热，室温十二度", streetId: street);
        Assert.Equal([sameStreet.Id], DuplicateDetector.FindCandidates(incoming, [closed, sameStreet, otherStreet]).Select(s => s.TicketId));
    }

    [Fact]
    public void Bigram_similarities_behave()
    {
        Assert.Equal(1, TextFeatures.Jaccard("暖气不热", "暖气不热"), 9);
        Assert.Equal(0, TextFeatures.Jaccard("暖气不热", "路灯不亮"), 9);
        Assert.Equal(["暖气", "气不", "不热", "ab", "12"], TextFeatures.Bigrams("暖气不热！AB 12"));
        Assert.InRange(TextFeatures.Cosine("暖气不热", "家里暖气不热"), 0.7, 0.99);
    }

    [Fact]
    public void The_seed_taxonomy_covers_what_the_seeds_name_with_Harbin_departments()
    {
        var taxonomy = CategoryTaxonomy.LoadSeed();
        string[] required = ["heating", "water", "gas", "property", "roads", "parking", "noise", "sanitation", "street-trade", "snow-ice", "housing", "education", "health", "social-security", "employment", "elderly-care"];
        foreach (var code in required)
        {
            var category = taxonomy.Find(code);
            Assert.NotNull(category);
            Assert.True(category.IsTopLevel);
            Assert.NotEmpty(taxonomy.ChildrenOf(code));
        }

        Assert.Equal("供热", taxonomy.Find("heating")!.NameZh);
        Assert.Equal("露天烧烤", taxonomy.Find("street-trade.bbq")!.NameZh);
        Assert.Equal("市教育局", taxonomy.Find("education.enrolment")!.DefaultUnit);
        Assert.Equal("市人社局", taxonomy.Find("social-security.pension")!.DefaultUnit);
        Assert.All(taxonomy.All.Where(c => !c.IsTopLevel), c => Assert.NotNull(taxonomy.Find(c.ParentCode!)));
    }

    [Fact]
    public void The_taxonomy_is_editable_and_round_trips_through_json()
    {
        var taxonomy = CategoryTaxonomy.LoadSeed();
        taxonomy.Add(new Category { Code = "heating.meter", ParentCode = "heating", NameZh = "分户计量", NameEn = "Heat metering", DefaultUnit = "市住建局", Keywords = ["热计量"] });
        taxonomy.Update("parking.fee", c => c.DefaultUnit = "市发改委");
        taxonomy.Deactivate("gas.fee");
        Assert.False(taxonomy.IsSelectable("gas.fee"));
        Assert.Throws<ArgumentException>(() => taxonomy.Add(new Category { Code = "heating.meter.x", ParentCode = "heating.meter", NameZh = "三级" }));
        Assert.Throws<ArgumentException>(() => taxonomy.Add(new Category { Code = "water.x", ParentCode = "heating", NameZh = "错父" }));

        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(taxonomy.ToJson()));
        var reloaded = CategoryTaxonomy.FromJson(json);
        Assert.Equal("分户计量", reloaded.Find("heating.meter")!.NameZh);
        Assert.Equal("市发改委", reloaded.Find("parking.fee")!.DefaultUnit);
        Assert.False(reloaded.IsSelectable("gas.fee"));
        Assert.Equal(UnitKind.Street, reloaded.Find("snow-ice.roofs")!.RouteLevel);
    }

    [Fact]
    public void Categories_route_to_the_street_or_district_when_the_place_is_known()
    {
        var taxonomy = CategoryTaxonomy.LoadSeed();
        var district = NewId();
        var street = NewId();
        Assert.Equal(UnitKind.Street, UnitRouting.For(taxonomy.Find("snow-ice.roofs")!, district, street).Kind);
        Assert.Equal(UnitKind.District, UnitRouting.For(taxonomy.Find("snow-ice.roofs")!, district, null).Kind);
        Assert.Equal(UnitKind.Department, UnitRouting.For(taxonomy.Find("snow-ice.roofs")!, null, null).Kind);
        Assert.Equal(UnitKind.Department, UnitRouting.For(taxonomy.Find("education.enrolment")!, district, street).Kind);
    }

    [Fact]
    public void The_suggester_starts_from_rules_and_learns_from_confirmed_tickets()
    {
        var suggester = new RoutingSuggester(CategoryTaxonomy.LoadSeed().KeywordRules());
        Assert.Equal("street-trade.bbq", suggester.Suggest("楼下每晚露天烧烤，烟熏火燎")[0].Label);
        Assert.Equal("heating.fee", suggester.Suggest("今年的取暖费怎么交")[0].Label);
        Assert.Empty(suggester.Suggest("哈哈哈"));

        // A local word the rules do not know: after a few confirmations the model carries it.
        for (var i = 0; i < 30; i++)
        {
            suggester.Learn($"冰城大院第{i}号楼冒烟囱的锅炉房太呛人", "environment.air");
            suggester.Learn($"第{i}栋楼的电梯又坏了困住人", "property.elevator");
        }

        var learned = suggester.Suggest("冰城大院锅炉房太呛人");
        Assert.Equal("environment.air", learned[0].Label);
        Assert.True(learned[0].ModelScore > 0.9);
        Assert.Equal(60, suggester.LearnedCount);
        suggester.Forget("第0栋楼的电梯又坏了困住人", "property.elevator");
        Assert.Equal(59, suggester.LearnedCount);
    }
}
