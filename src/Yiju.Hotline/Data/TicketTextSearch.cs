using System.Text;

namespace Yiju.Hotline.Data;

/// <summary>
/// Indexed text search of open tickets on PostgreSQL. Chinese has no spaces and most search words are two characters,
/// which trigram indexes cannot use; so open tickets are indexed by the distinct pairs of adjacent characters in their
/// text and address (db/postgres/0017, a GIN index over <c>yiju_search_grams(text, address)</c>), and a search of two or
/// more characters first asks for tickets holding all of the word's pairs, then checks the word itself. The index is
/// an accelerator only: the same substring test decides what matches, with or without it.
/// </summary>
public static class TicketTextSearch
{
    /// <summary>Shortest word the index helps with; a single character is searched by scanning.</summary>
    public const int MinIndexedLength = 2;

    /// <summary>
    /// Translated to <c>yiju_text_has_grams(text, address, grams)</c>, an SQL function PostgreSQL inlines into
    /// <c>yiju_search_grams(text, address) @&gt; grams</c>, the indexed expression. Only usable in queries.
    /// </summary>
    public static bool HasGrams(string text, string? address, string[] grams) =>
        throw new InvalidOperationException("TicketTextSearch.HasGrams is translated to SQL and cannot be called directly.");

    /// <summary>
    /// The distinct pairs of adjacent characters of <paramref name="word"/>, counted in Unicode code points as
    /// PostgreSQL's substr counts them (so a character outside the BMP is one character, not two).
    /// </summary>
    public static string[] Grams(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var runes = word.EnumerateRunes().Select(r => r.ToString()).ToList();
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < runes.Count; i++)
            grams.Add(string.Concat(runes[i], runes[i + 1]));
        return [.. grams.Order(StringComparer.Ordinal)];
    }

    public static int Length(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.EnumerateRunes().Count();
    }
}
