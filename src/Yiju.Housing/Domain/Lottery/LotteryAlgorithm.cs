using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Yiju.Housing.Domain.Stock;

namespace Yiju.Housing.Domain.Lottery;

/// <summary>
/// yiju-lottery-v1: seed derivation, the SHA-256 counter-mode stream, unbiased integers, Fisher–Yates by tier,
/// and flat assignment in rank order. docs/modules/housing-lottery.md states the same steps for re-implementers.
/// </summary>
public static class LotteryAlgorithm
{
    public const string Version = "yiju-lottery-v1";

    /// <summary>seed = HKDF-SHA256(ikm = secret, salt = entrantsHash ‖ rulesHash, info = "yiju-lottery-v1" ‖ UTF-8(publicValue), L = 32).</summary>
    public static byte[] DeriveSeed(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> entrantsSha256, ReadOnlySpan<byte> rulesSha256, string publicRandomValue)
    {
        ArgumentNullException.ThrowIfNull(publicRandomValue);
        Span<byte> salt = stackalloc byte[entrantsSha256.Length + rulesSha256.Length];
        entrantsSha256.CopyTo(salt);
        rulesSha256.CopyTo(salt[entrantsSha256.Length..]);
        var info = Encoding.UTF8.GetBytes(Version + publicRandomValue);
        var seed = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, seed, salt, info);
        return seed;
    }

    /// <summary>Bytes block₀ ‖ block₁ ‖ … where blockᵢ = SHA-256(seed ‖ uint64-big-endian(i)).</summary>
    public sealed class CounterStream
    {
        private readonly byte[] _input;
        private readonly byte[] _block = new byte[32];
        private int _pos = 32;
        private ulong _counter;

        public CounterStream(ReadOnlySpan<byte> seed)
        {
            _input = new byte[seed.Length + 8];
            seed.CopyTo(_input);
        }

        /// <summary>Blocks computed so far; exposed so tests can check how much randomness a draw used.</summary>
        public ulong BlocksUsed => _counter;

        /// <summary>The next 4 stream bytes as a big-endian unsigned integer. 32 is a multiple of 4, so an integer never straddles blocks.</summary>
        public uint NextUInt32()
        {
            if (_pos == 32)
            {
                BinaryPrimitives.WriteUInt64BigEndian(_input.AsSpan(_input.Length - 8), _counter++);
                SHA256.HashData(_input, _block);
                _pos = 0;
            }
            var v = BinaryPrimitives.ReadUInt32BigEndian(_block.AsSpan(_pos, 4));
            _pos += 4;
            return v;
        }

        /// <summary>
        /// A uniform integer in [0, n) by rejection: draw x; accept when x &lt; 2³² − (2³² mod n), returning x mod n.
        /// The accepted range is a whole number of copies of [0, n), so every result is equally likely.
        /// </summary>
        public int Uniform(int n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
            const ulong Range = 1UL << 32;
            var limit = Range - (Range % (ulong)n);
            while (true)
            {
                ulong x = NextUInt32();
                if (x < limit)
                {
                    return (int)(x % (ulong)n);
                }
            }
        }

        /// <summary>Fisher–Yates: for i = n−1 down to 1, swap items[i] with items[Uniform(i + 1)].</summary>
        public void Shuffle<T>(T[] items)
        {
            ArgumentNullException.ThrowIfNull(items);
            for (var i = items.Length - 1; i >= 1; i--)
            {
                var j = Uniform(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }

    /// <summary>
    /// Ranks the entrants and assigns flats. Inputs must already be in canonical order (entrants and flats sorted by id,
    /// ordinal), as the published files are. Steps, all on one stream:
    /// (1) for each tier in ascending order, shuffle that tier's entrants (in id order) and append them to the ranking;
    /// (2) for each room count in ascending order, shuffle the flats with that room count (in id order);
    /// (3) walk the ranking: offer the entrant its allowed room counts, largest first, and give it the next unused flat
    /// of the first room count that has one left; an entrant with no allowed flat left gets none and keeps its rank.
    /// </summary>
    public static IReadOnlyList<LotteryPlacement> Draw(IReadOnlyList<LotteryEntrant> entrants, IReadOnlyList<LotteryFlat> flats, FlatMatchingRules matching, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(entrants);
        ArgumentNullException.ThrowIfNull(flats);
        ArgumentNullException.ThrowIfNull(matching);
        var stream = new CounterStream(seed);

        var ranking = new List<LotteryEntrant>(entrants.Count);
        foreach (var tierGroup in entrants.GroupBy(e => e.Tier).OrderBy(g => g.Key))
        {
            var tier = tierGroup.ToArray();
            stream.Shuffle(tier);
            ranking.AddRange(tier);
        }

        var flatsByRooms = new Dictionary<int, (LotteryFlat[] Flats, int Next)>();
        foreach (var roomGroup in flats.GroupBy(f => f.Rooms).OrderBy(g => g.Key))
        {
            var group = roomGroup.ToArray();
            stream.Shuffle(group);
            flatsByRooms[roomGroup.Key] = (group, 0);
        }

        var preferenceBySize = new Dictionary<int, IReadOnlyList<int>>();
        var placements = new LotteryPlacement[ranking.Count];
        var remaining = flats.Count;
        for (var r = 0; r < ranking.Count; r++)
        {
            var e = ranking[r];
            string? flatId = null;
            if (remaining > 0)
            {
                if (!preferenceBySize.TryGetValue(e.HouseholdSize, out var rooms))
                {
                    preferenceBySize[e.HouseholdSize] = rooms = matching.RoomPreference(e.HouseholdSize);
                }
                foreach (var roomCount in rooms)
                {
                    if (flatsByRooms.TryGetValue(roomCount, out var g) && g.Next < g.Flats.Length)
                    {
                        flatId = g.Flats[g.Next].FlatId;
                        flatsByRooms[roomCount] = (g.Flats, g.Next + 1);
                        remaining--;
                        break;
                    }
                }
            }
            placements[r] = new LotteryPlacement(r + 1, e.EntrantId, e.Tier, e.HouseholdSize, flatId);
        }
        return placements;
    }
}
