using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Domain;

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
    /// The tickets a search for <paramref name="word"/> (two or more characters) can match on PostgreSQL: open tickets
    /// holding all of the word's character pairs (from the GIN index alone), and the ticket numbered <paramref name="word"/>.
    /// The caller still applies the substring test. Written as an id set so that the index decides which rows are read
    /// and nothing recomputes the pairs of each row (a filter on the indexed expression would, for every candidate).
    /// </summary>
    public static IQueryable<Ticket> Candidates(IHotlineDb db, string word)
    {
        ArgumentNullException.ThrowIfNull(db);
        var grams = Grams(word);
        return db.Tickets.FromSql($"""
            SELECT * FROM hotline_ticket WHERE id IN (
                SELECT id FROM hotline_ticket WHERE yiju_search_grams(text, address) @> {grams} AND status <> 7 AND status <> 8
                UNION ALL
                SELECT id FROM hotline_ticket WHERE number = {word})
            """);
    }

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
