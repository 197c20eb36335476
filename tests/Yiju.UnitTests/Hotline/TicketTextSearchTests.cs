using Yiju.Hotline.Data;

namespace Yiju.UnitTests.Hotline;

public sealed class TicketTextSearchTests
{
    [Fact]
    public void Grams_are_the_distinct_pairs_of_adjacent_characters()
    {
        Assert.Equal(["不热", "暖气", "气不"], TicketTextSearch.Grams("暖气不热"));
        Assert.Equal(["哈哈"], TicketTextSearch.Grams("哈哈哈"));
        Assert.Empty(TicketTextSearch.Grams("热"));
        Assert.Empty(TicketTextSearch.Grams(""));
    }

    [Fact]
    public void A_character_outside_the_basic_plane_counts_as_one_as_PostgreSQL_substr_counts_it()
    {
        // U+20000 is two UTF-16 units; splitting it would ask the index for pairs no ticket holds.
        Assert.Equal(["\U00020000好"], TicketTextSearch.Grams("\U00020000好"));
        Assert.Equal(2, TicketTextSearch.Length("\U00020000好"));
    }
}
