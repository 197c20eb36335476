using Yiju.Kernel.Geo;

namespace Yiju.Hotline.Domain;

/// <summary>What an operator, the public form or Open311 supplies to create a ticket.</summary>
public sealed record TicketIntake(
    TicketType Type,
    string CategoryCode,
    string Text,
    Channel Channel,
    Urgency Urgency = Urgency.Normal,
    string? Title = null,
    string? CallerName = null,
    string? CallerPhone = null,
    string? Address = null,
    GeoPoint? Location = null,
    long? DistrictId = null,
    long? StreetId = null)
{
    public const int MaxTextLength = 4000;
    public const int MaxTitleLength = 200;
    public const int MaxAddressLength = 300;

    /// <summary>Problems that make the intake unusable; empty when it can be accepted.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Text))
        {
            errors.Add("诉求内容不能为空 (text is required).");
        }
        else if (Text.Length > MaxTextLength)
        {
            errors.Add($"诉求内容超过 {MaxTextLength} 字 (text longer than {MaxTextLength} characters).");
        }

        if (Title is { Length: > MaxTitleLength })
        {
            errors.Add($"标题超过 {MaxTitleLength} 字 (title too long).");
        }

        if (Address is { Length: > MaxAddressLength })
        {
            errors.Add($"地址超过 {MaxAddressLength} 字 (address too long).");
        }

        if (string.IsNullOrWhiteSpace(CategoryCode))
        {
            errors.Add("必须选择分类 (category is required).");
        }

        if (Location is { IsValid: false })
        {
            errors.Add("坐标无效 (invalid WGS84 coordinates).");
        }

        if (!Enum.IsDefined(Type) || !Enum.IsDefined(Urgency) || !Enum.IsDefined(Channel))
        {
            errors.Add("类型、紧急程度或渠道无效 (unknown type, urgency or channel).");
        }

        if (CallerPhone is { } phone && (phone.Length > 20 || phone.Any(c => !char.IsAsciiDigit(c) && c is not ('-' or '+' or ' '))))
        {
            errors.Add("电话号码格式无效 (invalid phone number).");
        }

        if (Type == TicketType.Petition && string.IsNullOrWhiteSpace(CallerName))
        {
            errors.Add("信访事项须留姓名 (a petition needs the petitioner's name).");
        }

        return errors;
    }
}

/// <summary>When the current unit must sign for and finish a ticket; computed by <see cref="DeadlinePolicy"/>.</summary>
public readonly record struct TicketDeadlines(DateTime SignForDueUtc, DateTime HandlingDueUtc);

/// <summary>Where a ticket is sent.</summary>
/// <remarks>For a department <see cref="Id"/> is Organisation's department id; for a district or street, its unit id.</remarks>
public readonly record struct UnitRef(long Id, UnitKind Kind, string Name);
