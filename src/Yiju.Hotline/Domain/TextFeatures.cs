using System.Text;

namespace Yiju.Hotline.Domain;

/// <summary>
/// Character bigrams: Chinese has no spaces, and bigrams capture most two-character words
/// (供热, 物业, 烧烤) without a segmentation dictionary.
/// </summary>
public static class TextFeatures
{
    /// <summary>Letters and digits only, lower-cased invariantly; punctuation and spaces split runs.</summary>
    public static IEnumerable<string> Runs(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var run = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                run.Append(char.ToLowerInvariant(ch));
            }
            else if (run.Length > 0)
            {
                yield return run.ToString();
                run.Clear();
            }
        }

        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    /// <summary>All overlapping two-character pieces of each run; a one-character run yields itself.</summary>
    public static IEnumerable<string> Bigrams(string? text)
    {
        foreach (var run in Runs(text))
        {
            if (run.Length == 1)
            {
                yield return run;
                continue;
            }

            for (var i = 0; i + 1 < run.Length; i++)
            {
                yield return run.Substring(i, 2);
            }
        }
    }

    public static Dictionary<string, int> BigramCounts(string? text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var bigram in Bigrams(text))
        {
            counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
        }

        return counts;
    }

    /// <summary>Jaccard similarity of the two texts' bigram sets, in [0, 1].</summary>
    public static double Jaccard(string? a, string? b) => Jaccard(Bigrams(a).ToHashSet(StringComparer.Ordinal), Bigrams(b).ToHashSet(StringComparer.Ordinal));

    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 && b.Count == 0)
        {
            return 0;
        }

        var intersection = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)intersection / (a.Count + b.Count - intersection);
    }

    /// <summary>Cosine similarity of bigram count vectors, in [0, 1]; kinder than Jaccard to a short text inside a long one.</summary>
    public static double Cosine(string? a, string? b)
    {
        var x = BigramCounts(a);
        var y = BigramCounts(b);
        if (x.Count == 0 || y.Count == 0)
        {
            return 0;
        }

        double dot = 0;
        foreach (var (gram, count) in x)
        {
            if (y.TryGetValue(gram, out var other))
            {
                dot += (double)count * other;
            }
        }

        var norm = Math.Sqrt(x.Values.Sum(v => (double)v * v)) * Math.Sqrt(y.Values.Sum(v => (double)v * v));
        return dot / norm;
    }
}
