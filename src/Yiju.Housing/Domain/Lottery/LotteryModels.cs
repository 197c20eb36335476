using System.Security.Cryptography;
using Yiju.Housing.Domain.Stock;

namespace Yiju.Housing.Domain.Lottery;

/// <summary>One household in the frozen entrant list. <see cref="EntrantId"/> is its application number.</summary>
public sealed record LotteryEntrant(string EntrantId, int Tier, int HouseholdSize);

/// <summary>One flat offered in the draw.</summary>
public sealed record LotteryFlat(string FlatId, int Rooms);

/// <summary>A priority tier as the rules publish it (1 is drawn first).</summary>
public sealed record LotteryTier(int Tier, string Description);

/// <summary>One line of the result: the entrant's rank over all tiers, and the flat drawn for it, if any.</summary>
public sealed record LotteryPlacement(int Rank, string EntrantId, int Tier, int HouseholdSize, string? FlatId);

/// <summary>What the draw will follow, published (as rules.json) before the draw.</summary>
public sealed class LotteryRules
{
    public string LotteryId { get; init; } = "";
    public string Title { get; init; } = "";
    public IReadOnlyList<LotteryTier> Tiers { get; init; } = [];
    public FlatMatchingRules Matching { get; init; } = FlatMatchingRules.Default;
}

/// <summary>A lottery that cannot be prepared, drawn or loaded. <see cref="Code"/> is stable; the message is Chinese for operators.</summary>
public sealed class LotteryException(string code, string message) : InvalidOperationException(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The operator's secret. It is created on the operator's machine, only its SHA-256 is published before the draw,
/// and it is revealed at the draw. Without it nobody, including whoever froze the list, can compute the result in advance;
/// with the public random value the operator cannot choose the result either, having committed to the secret first.
/// </summary>
public static class LotterySecret
{
    public const int MinimumBytes = 32;

    public static byte[] Create() => RandomNumberGenerator.GetBytes(MinimumBytes);

    public static byte[] Commitment(ReadOnlySpan<byte> secret) => SHA256.HashData(secret);
}
