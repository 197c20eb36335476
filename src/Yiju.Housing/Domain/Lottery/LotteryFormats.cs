using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Yiju.Housing.Domain.Lottery;

/// <summary>
/// The byte-exact published formats. Anyone re-implementing the verifier must produce the same bytes, so nothing
/// here depends on culture, platform line endings or library defaults.
/// </summary>
internal static class LotteryFormats
{
    public const string EntrantsHeader = "entrant_id,tier,household_size";
    public const string FlatsHeader = "flat_id,rooms";
    public const string ResultHeader = "rank,entrant_id,tier,flat_id";
    public const int MaxIdLength = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Ids are 1–64 characters of A–Z a–z 0–9 '-' '_', starting with a letter or digit: no quoting is ever needed.</summary>
    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > MaxIdLength || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }
        return true;
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string Utc(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static byte[] Utf8(string s) => StrictUtf8.GetBytes(s);

    public static string DecodeUtf8(byte[] bytes) => StrictUtf8.GetString(bytes);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    // ---- canonical JSON ----------------------------------------------------------------------------------------
    // Objects are SortedDictionary<string, object> with ordinal key order; values are string, long, int, bool,
    // nested objects or List<object>. The output equals Python's
    // json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8") for ASCII keys.

    public static SortedDictionary<string, object> Obj() => new(StringComparer.Ordinal);

    public static byte[] CanonicalJson(object value)
    {
        var sb = new StringBuilder();
        WriteJson(sb, value);
        return Utf8(sb.ToString());
    }

    private static void WriteJson(StringBuilder sb, object value)
    {
        switch (value)
        {
            case string s:
                WriteString(sb, s);
                break;
            case int i:
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case SortedDictionary<string, object> o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }
                    first = false;
                    WriteString(sb, k);
                    sb.Append(':');
                    WriteJson(sb, v);
                }
                sb.Append('}');
                break;
            case List<object> list:
                sb.Append('[');
                for (var n = 0; n < list.Count; n++)
                {
                    if (n > 0)
                    {
                        sb.Append(',');
                    }
                    WriteJson(sb, list[n]);
                }
                sb.Append(']');
                break;
            default:
                throw new ArgumentException($"Type {value.GetType().Name} has no canonical JSON form.", nameof(value));
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>Parses JSON into the canonical model (numbers must be integers). Throws <see cref="FormatException"/> otherwise.</summary>
    public static object ParseJson(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return FromElement(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static object FromElement(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => ToObj(e),
        JsonValueKind.Array => e.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.TryGetInt64(out var l) ? l : throw new FormatException("Only integer numbers are allowed."),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"JSON {e.ValueKind} is not allowed."),
    };

    private static SortedDictionary<string, object> ToObj(JsonElement e)
    {
        var o = Obj();
        foreach (var p in e.EnumerateObject())
        {
            if (!o.TryAdd(p.Name, FromElement(p.Value)))
            {
                throw new FormatException($"Duplicate key \"{p.Name}\".");
            }
        }
        return o;
    }

    public static string GetString(SortedDictionary<string, object> o, string key) =>
        o.TryGetValue(key, out var v) && v is string s ? s : throw new FormatException($"\"{key}\" must be a string.");

    public static long GetLong(object o, string key) =>
        o is SortedDictionary<string, object> d && d.TryGetValue(key, out var v) && v is long l ? l : throw new FormatException($"\"{key}\" must be an integer.");

    public static List<object> GetList(SortedDictionary<string, object> o, string key) =>
        o.TryGetValue(key, out var v) && v is List<object> l ? l : throw new FormatException($"\"{key}\" must be an array.");

    public static byte[] HexBytes(string hex, string what)
    {
        if (hex.Length % 2 != 0 || hex.Any(c => !char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)))
        {
            throw new FormatException($"{what} must be lower-case hexadecimal.");
        }
        return Convert.FromHexString(hex);
    }
}
