using Yiju.Hotline.Domain;

namespace Yiju.UnitTests.Hotline;

public class TicketNumberAndMaskTests
{
    [Fact]
    public void Numbers_format_and_parse_round_trip()
    {
        var number = TicketNumber.Format(TicketNumber.HotlinePrefix, new DateOnly(2026, 11, 22), 123);
        Assert.Equal("12345-20261122-000123", number);
        Assert.True(TicketNumber.TryParse(number, out var prefix, out var date, out var seq));
        Assert.Equal(("12345", new DateOnly(2026, 11, 22), 123), (prefix, date, seq));
        Assert.Equal("XF", TicketNumber.PrefixFor(TicketType.Petition));
    }

    [Theory]
    [InlineData("12345-20261322-000123")]
    [InlineData("12345-20261122-000000")]
    [InlineData("12345-20261122-123")]
    [InlineData("")]
    [InlineData(null)]
    public void Malformed_numbers_do_not_parse(string? number) =>
        Assert.False(TicketNumber.TryParse(number, out _, out _, out _));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138 1234 5678", "138****5678")]
    [InlineData("0451-86123456", "********3456")]
    [InlineData("110", "****")]
    [InlineData("", "")]
    public void Phones_are_masked(string phone, string masked) => Assert.Equal(masked, PhoneMask.Mask(phone));
}
