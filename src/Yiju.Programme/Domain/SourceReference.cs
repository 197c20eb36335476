namespace Yiju.Programme.Domain;

/// <summary>
/// Where a number comes from: a document (a seed file, a department's submission, a module feed)
/// and the exact words that state it, so that anyone can check the figure.
/// </summary>
public sealed record SourceReference(string Document, string Quote)
{
    public override string ToString() => Quote.Length == 0 ? Document : $"{Document}: “{Quote}”";
}
