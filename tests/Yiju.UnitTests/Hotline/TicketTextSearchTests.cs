using Yiju.Hotline.Data;

namespace Yiju.UnitTests.Hotline;

public sealed class TicketTextSearchTests
{
    private static int Code(char a, char b) => unchecked((int)((uint)a * 65536u + b));

    [Fact]
    public void Codes_are_the_distinct_pairs_of_adjacent_characters_ascending()
    {
        Assert.Equal(new[] { Code('暖', '气'), Code('气', '不'), Code('不', '热') }.Order(), TicketTextSearch.Codes("暖气不热"));
        Assert.Equal([Code('哈', '哈')], TicketTextSearch.Codes("哈哈哈"));
        Assert.Empty(TicketTextSearch.Codes("热"));
        Assert.Empty(TicketTextSearch.Codes(""));
    }

    [Fact]
    public void A_ticket_is_coded_over_its_text_and_address_joined_by_a_line_break()
    {
        Assert.Equal(TicketTextSearch.Codes("暖气\n道里"), TicketTextSearch.Codes("暖气", "道里"));
        Assert.Equal([Code('暖', '气'), Code('气', '\n')], TicketTextSearch.Codes("暖气", null).Order());
    }

    [Fact]
    public void A_character_outside_the_basic_plane_counts_as_one()
    {
        // U+20000 is two UTF-16 units; splitting it would ask the index for pairs no ticket holds.
        Assert.Equal([unchecked((int)(0x20000u * 65536u + '好'))], TicketTextSearch.Codes("\U00020000好"));
        Assert.Equal(2, TicketTextSearch.Length("\U00020000好"));
    }
}
