using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Data;

/// <summary>
/// Indexed text search of open tickets on PostgreSQL. Chinese has no spaces and most search words are two characters,
/// which trigram indexes cannot use; so each open ticket keeps the distinct pairs of adjacent characters of its text
/// and address as integer codes (column <c>search_grams</c>, GIN-indexed, db/postgres/0019), and a search of two or more
/// characters first asks for tickets holding all of the word's codes, then checks the word itself. The index is an
/// accelerator only: the same substring test decides what matches, with or without it.
/// </summary>
/// <remarks>
/// The codes are computed here, not by the database: as an SQL expression index they cost PostgreSQL a third of a
/// millisecond per ticket written, half of its work on each new ticket (bench/README.md, Hotline).
/// </remarks>
public static class TicketTextSearch
{
    /// <summary>Shortest word the index helps with; a single character is searched by scanning.</summary>
    public const int MinIndexedLength = 2;

    /// <summary>The shadow property (PostgreSQL only) holding an open ticket's codes; null once it is closed or merged.</summary>
    public const string CodesProperty = "SearchGrams";

    /// <summary>
    /// The tickets a search for <paramref name="word"/> (two or more characters) can match on PostgreSQL: open tickets
    /// holding all of the word's pair codes (from the GIN index alone), and the ticket numbered <paramref name="word"/>.
    /// The caller still applies the substring test. Written as an id set so that the index decides which rows are read.
    /// </summary>
    public static IQueryable<Ticket> Candidates(IHotlineDb db, string word)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = Codes(word);
        return db.Tickets.FromSql($"""
            SELECT * FROM hotline_ticket WHERE id IN (
                SELECT id FROM hotline_ticket WHERE search_grams @> {codes} AND status <> 7 AND status <> 8
                UNION ALL
                SELECT id FROM hotline_ticket WHERE number = {word})
            """);
    }

    /// <summary>
    /// The distinct codes of the pairs of adjacent code points of <paramref name="text"/>, ascending. A pair (a, b) is
    /// a × 65536 + b, wrapped to 32 bits: exact for two BMP characters, a harmless collision now and then otherwise
    /// (the substring test decides). db/postgres/0019 computes the same codes for the tickets it backfills.
    /// </summary>
    public static int[] Codes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var codes = new List<int>(text.Length);
        var previous = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            if (previous >= 0)
                codes.Add(unchecked((int)((uint)previous * 65536u + (uint)rune.Value)));
            previous = rune.Value;
        }
        codes.Sort();
        return [.. codes.Distinct()];
    }

    /// <summary>An open ticket's codes: its text and address, joined by a line break.</summary>
    public static int[] Codes(string text, string? address) => Codes(text + "\n" + (address ?? string.Empty));

    public static int Length(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.EnumerateRunes().Count();
    }
}

/// <summary>
/// Keeps <see cref="TicketTextSearch.CodesProperty"/> in step with every save, whichever use case changed the ticket:
/// computed when an open ticket is added or its text, address or status changes, cleared when it is closed or merged.
/// Does nothing where the model has no such property (SQLite).
/// </summary>
public sealed class TicketSearchCodesInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Refresh(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Refresh(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Refresh(DbContext? context)
    {
        if (context?.Model.FindEntityType(typeof(Ticket))?.FindProperty(TicketTextSearch.CodesProperty) is null)
            return;
        foreach (var entry in context.ChangeTracker.Entries<Ticket>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            var codes = entry.Property<int[]?>(TicketTextSearch.CodesProperty);
            var ticket = entry.Entity;
            if (ticket.Status is TicketStatus.Closed or TicketStatus.Merged)
            {
                if (codes.CurrentValue is not null)
                    codes.CurrentValue = null;
            }
            else if (entry.State == EntityState.Added || codes.CurrentValue is null
                || entry.Property(t => t.Text).IsModified || entry.Property(t => t.Address).IsModified)
            {
                codes.CurrentValue = TicketTextSearch.Codes(ticket.Text, ticket.Address);
            }
        }
    }
}
