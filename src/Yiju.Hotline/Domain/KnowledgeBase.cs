namespace Yiju.Hotline.Domain;

/// <summary>One standard answer as the matcher sees it (the stored entry carries more: history, who edited it).</summary>
public sealed record KnowledgeCandidate(long Id, string CategoryCode, string Title, string Answer, DateOnly? ValidFrom, DateOnly? ValidTo, bool IsActive);

public sealed record KnowledgeMatch(long Id, double Score, bool SameCategory);

/// <summary>
/// Which standard answers (知识库) to offer at intake. An entry is offered only when it is active and valid on the day
/// (Asia/Shanghai). Its score is the bigram cosine of the caller's text against the entry's title and answer, plus 1 when
/// the entry's category is the chosen one (or 0.5 when it is the chosen category's first-level parent or a sibling under
/// it), so that the category the operator picked dominates and the text orders the entries within it.
/// </summary>
public static class KnowledgeMatcher
{
    public const int MaxTitleLength = 200;
    /// <summary>Leaves room in the 4,000-character reply for the citation that follows the answer.</summary>
    public const int MaxAnswerLength = 3000;
    public const int MaxSourceLength = 500;

    public static bool IsValidOn(KnowledgeCandidate entry, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.IsActive && (entry.ValidFrom is null || entry.ValidFrom <= day) && (entry.ValidTo is null || day <= entry.ValidTo);
    }

    public static IReadOnlyList<KnowledgeMatch> Rank(IEnumerable<KnowledgeCandidate> entries, string? categoryCode, string? text, DateOnly day, int take = 5, double minTextScore = 0.08)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var chosen = string.IsNullOrWhiteSpace(categoryCode) ? null : categoryCode.Trim();
        var chosenTop = chosen is null ? null : TopLevel(chosen);
        var matches = new List<KnowledgeMatch>();
        foreach (var e in entries)
        {
            if (!IsValidOn(e, day))
            {
                continue;
            }

            var categoryScore = chosen is null ? 0
                : string.Equals(e.CategoryCode, chosen, StringComparison.Ordinal) ? 1
                : string.Equals(TopLevel(e.CategoryCode), chosenTop, StringComparison.Ordinal) ? 0.5
                : 0;
            var textScore = string.IsNullOrWhiteSpace(text) ? 0 : TextFeatures.Cosine(text, e.Title + " " + e.Answer);
            // Outside the chosen category an entry must earn its place by its words.
            if (categoryScore == 0 && textScore < minTextScore)
            {
                continue;
            }

            matches.Add(new KnowledgeMatch(e.Id, categoryScore + textScore, categoryScore == 1));
        }

        return [.. matches.OrderByDescending(m => m.Score).ThenBy(m => m.Id).Take(take)];
    }

    /// <summary>What the timeline says when an operator answers from an entry: the answer, then the citation (entry, revision, source).</summary>
    public static string CitationNote(string answer, long entryId, int revision, string title, string? source) =>
        $"{answer.Trim()}\n— 依据知识库 #{entryId} 第{revision}版「{title}」" + (string.IsNullOrWhiteSpace(source) ? string.Empty : $"（{source.Trim()}）")
        + $" (cites knowledge-base entry #{entryId}, revision {revision})";

    public static IReadOnlyList<string> Validate(string? categoryCode, string? title, string? answer, string? source, DateOnly? validFrom, DateOnly? validTo)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(categoryCode))
        {
            errors.Add("须选择分类 (choose a category).");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Length > MaxTitleLength)
        {
            errors.Add($"标题须填写，不超过 {MaxTitleLength} 字 (title required, at most {MaxTitleLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(answer) || answer.Length > MaxAnswerLength)
        {
            errors.Add($"答复内容须填写，不超过 {MaxAnswerLength} 字 (answer required, at most {MaxAnswerLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(source) || source.Length > MaxSourceLength)
        {
            errors.Add($"须注明依据（政策文件或来源），不超过 {MaxSourceLength} 字 (a source or policy reference is required, at most {MaxSourceLength} characters).");
        }

        if (validFrom is { } from && validTo is { } to && to < from)
        {
            errors.Add("有效期止不能早于有效期起 (valid-to must not be before valid-from).");
        }

        return errors;
    }

    private static string TopLevel(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? code : code[..dot];
    }
}
