using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace Yiju.Bench.Hotline;

/// <summary>
/// Real citizen messages (tipdm 2020 C and the Shangluo mayor's mailbox) read at run time from the shared data folder:
/// titles, sentences of the details, and official replies. They carry no licence, so nothing derived is committed.
/// </summary>
public sealed partial class Corpus
{
    public List<string> Titles { get; } = [];
    public List<string[]> Sentences { get; } = [];
    public List<string> Replies { get; } = [];

    public static Corpus Load(string folder)
    {
        var corpus = new Corpus();
        foreach (var file in new[] { "tipdm2020-c/att2_sample_labelled.csv", "tipdm2020-c/att3_messages_with_votes.csv", "tipdm2020-c/att4_messages_with_replies.csv" })
        {
            foreach (var row in Rows(Path.Combine(folder, file)))
            {
                corpus.Add(row.GetValueOrDefault("留言主题"), row.GetValueOrDefault("留言详情"));
                if (row.GetValueOrDefault("答复意见") is { Length: > 10 } reply)
                    corpus.Replies.Add(Clip(Clean(reply), 300));
            }
        }
        foreach (var row in Rows(Path.Combine(folder, "shangluo-mayor-mailbox/latest.csv")))
        {
            corpus.Add(row.GetValueOrDefault("title"), row.GetValueOrDefault("query"));
            if (row.GetValueOrDefault("reply") is { Length: > 10 } reply)
                corpus.Replies.Add(Clip(Clean(reply), 300));
        }
        if (corpus.Titles.Count == 0)
            throw new InvalidOperationException($"no messages found under {folder}");
        return corpus;
    }

    /// <summary>A ticket text: the message's title and one to three consecutive sentences of its details, at most 400 characters.</summary>
    public string Text(Random random)
    {
        var i = random.Next(Titles.Count);
        var sentences = Sentences[i];
        if (sentences.Length == 0)
            return Titles[i];
        var start = random.Next(sentences.Length);
        var count = Math.Min(sentences.Length - start, 1 + random.Next(3));
        return Clip(Titles[i] + "。" + string.Concat(sentences.Skip(start).Take(count)), 400);
    }

    public string Reply(Random random) => Replies.Count == 0 ? "已处理。" : Replies[random.Next(Replies.Count)];

    private void Add(string? title, string? detail)
    {
        if (string.IsNullOrWhiteSpace(title))
            return;
        Titles.Add(Clip(Clean(title), 100));
        Sentences.Add([.. SentenceEnd().Split(Clean(detail ?? string.Empty)).Where(s => s.Length > 4).Select(s => s + "。")]);
    }

    private static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null });
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var c = 0; c < header.Length; c++)
                row[header[c]] = csv.GetField(c) ?? string.Empty;
            yield return row;
        }
    }

    private static string Clean(string s) => Whitespace().Replace(s, " ").Trim();

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("[。！？!?；;]+")]
    private static partial Regex SentenceEnd();
}
