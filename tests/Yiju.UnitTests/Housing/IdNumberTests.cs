using Yiju.Housing.Domain.Applications;
using static Yiju.UnitTests.Housing.HousingTestData;

namespace Yiju.UnitTests.Housing;

public class IdNumberTests
{
    [Theory]
    [InlineData("11010519491231002X")] // the example printed in GB 11643-1999
    [InlineData(Adult1985)]
    [InlineData(Child2015)]
    [InlineData(WithX)]
    public void Accepts_valid_numbers(string value)
    {
        Assert.True(ChineseIdNumber.TryParse(value, Today, out var id, out var error), error.ToString());
        Assert.Equal(value, id.Value);
    }

    [Fact]
    public void Lower_case_x_is_normalised()
    {
        Assert.True(ChineseIdNumber.TryParse("11010519491231002x", Today, out var id, out _));
        Assert.Equal("11010519491231002X", id.Value);
    }

    [Theory]
    [InlineData("", IdNumberError.Empty)]
    [InlineData("23010219850312123", IdNumberError.WrongLength)]
    [InlineData("2301021985031212321", IdNumberError.WrongLength)]
    [InlineData("23010219850312A232", IdNumberError.NotDigits)]
    [InlineData("23010219850312123Y", IdNumberError.NotDigits)]
    [InlineData("230102198503121233", IdNumberError.BadCheckDigit)] // last digit off by one
    [InlineData("230102198503121223", IdNumberError.BadCheckDigit)] // two digits transposed
    [InlineData("990102198503121232", IdNumberError.UnknownRegion)]
    [InlineData("230000198503121232", IdNumberError.UnknownRegion)]
    [InlineData("230102198502301232", IdNumberError.InvalidBirthDate)] // 30 February
    [InlineData("230102189912311232", IdNumberError.InvalidBirthDate)]
    [InlineData("230102203001011232", IdNumberError.InvalidBirthDate)] // in the future
    public void Refuses_malformed_numbers(string value, IdNumberError expected)
    {
        Assert.False(ChineseIdNumber.TryParse(value, Today, out _, out var error));
        Assert.Equal(expected, error);
        Assert.NotEmpty(ChineseIdNumber.ReasonText(error));
    }

    [Fact]
    public void Check_character_follows_iso_7064_mod_11_2()
    {
        Assert.Equal('X', ChineseIdNumber.ComputeCheckChar("11010519491231002"));
        Assert.Equal('2', ChineseIdNumber.ComputeCheckChar("23010219850312123"));
        Assert.Equal('0', ChineseIdNumber.ComputeCheckChar("23010820150601002"));
    }

    [Fact]
    public void Leap_day_birth_is_valid_only_in_leap_years()
    {
        Assert.True(ChineseIdNumber.TryParse("230102199202290010", Today, out _, out _));
        var notLeap = "2301021993022900" + "1";
        var full = notLeap + ChineseIdNumber.ComputeCheckChar(notLeap);
        Assert.False(ChineseIdNumber.TryParse(full, Today, out _, out var error));
        Assert.Equal(IdNumberError.InvalidBirthDate, error);
    }

    [Fact]
    public void Masks_first_four_and_last_four()
    {
        Assert.True(ChineseIdNumber.TryParse(Adult1985, Today, out var id, out _));
        Assert.Equal("2301**********1232", id.Masked);
        Assert.Equal("2301**********1232", id.ToString());
        Assert.Equal(18, id.Masked.Length);
    }

    [Fact]
    public void Birth_date_sex_and_age_come_from_the_number()
    {
        Assert.True(ChineseIdNumber.TryParse(Adult1985, Today, out var id, out _));
        Assert.Equal(new DateOnly(1985, 3, 12), id.BirthDate);
        Assert.True(id.IsMale); // 17th digit 3
        Assert.Equal(41, id.AgeOn(Today));
        Assert.Equal(40, id.AgeOn(new DateOnly(2026, 3, 11)));
        Assert.Equal(41, id.AgeOn(new DateOnly(2026, 3, 12)));
        Assert.True(ChineseIdNumber.TryParse("11010519491231002X", Today, out var female, out _));
        Assert.False(female.IsMale); // 17th digit 2
    }

    [Theory]
    [InlineData("张三明", "张*明")]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧**娜")]
    [InlineData("王", "*")]
    [InlineData(" 李小龙 ", "李*龙")]
    [InlineData("𠮷田优", "𠮷*优")]
    [InlineData("", "")]
    public void Masks_names_for_public_notices(string name, string expected) => Assert.Equal(expected, NameMasking.Mask(name));
}
