namespace Yiju.Hotline.Domain;

/// <summary>A hand-written rule: texts containing these words point to <see cref="Label"/> (a category code).</summary>
public sealed record KeywordRule(string Label, IReadOnlyList<string> Keywords);

public sealed record RoutingSuggestion(string Label, double Score, double RuleScore, double ModelScore);

/// <summary>
/// Multinomial naive Bayes over character bigrams with Laplace (add-α) smoothing. Learning is
/// incremental (counts only), so each confirmed ticket can be added as it is confirmed, and a
/// correction can be taken back with <see cref="Forget"/>.
/// </summary>
public sealed class NaiveBayesTextClassifier(double alpha = 0.1)
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tokensPerLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _docsPerLabel = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);

    public int DocumentCount { get; private set; }

    public IReadOnlyCollection<string> Labels => _docsPerLabel.Keys;

    public void Learn(string text, string label) => Update(text, label, +1);

    /// <summary>Removes one earlier <see cref="Learn"/> of the same text and label (an operator corrected the category).</summary>
    public void Forget(string text, string label)
    {
        if (_docsPerLabel.GetValueOrDefault(label) == 0)
        {
            throw new InvalidOperationException($"Nothing was learned for {label}.");
        }

        Update(text, label, -1);
    }

    /// <summary>P(label | text) for every known label; empty before anything is learned.</summary>
    public IReadOnlyDictionary<string, double> Posterior(string text)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (DocumentCount == 0)
        {
            return result;
        }

        var features = TextFeatures.BigramCounts(text);
        var vocabularySize = Math.Max(1, _vocabulary.Count);
        var logScores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (label, docs) in _docsPerLabel)
        {
            if (docs == 0)
            {
                continue;
            }

            var counts = _counts[label];
            var denominator = Math.Log(_tokensPerLabel[label] + (alpha * vocabularySize));
            var score = Math.Log((double)docs / DocumentCount);
            foreach (var (gram, n) in features)
            {
                // Bigrams never seen in any label carry no information and are skipped.
                if (!_vocabulary.ContainsKey(gram))
                {
                    continue;
                }

                score += n * (Math.Log(counts.GetValueOrDefault(gram) + alpha) - denominator);
            }

            logScores[label] = score;
        }

        var max = logScores.Values.Max();
        var total = logScores.Values.Sum(s => Math.Exp(s - max));
        foreach (var (label, score) in logScores)
        {
            result[label] = Math.Exp(score - max) / total;
        }

        return result;
    }

    private void Update(string text, string label, int sign)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var features = TextFeatures.BigramCounts(text);
        if (!_counts.TryGetValue(label, out var counts))
        {
            counts = new Dictionary<string, int>(StringComparer.Ordinal);
            _counts[label] = counts;
            _tokensPerLabel[label] = 0;
            _docsPerLabel[label] = 0;
        }

        foreach (var (gram, n) in features)
        {
            counts[gram] = counts.GetValueOrDefault(gram) + (sign * n);
            _vocabulary[gram] = _vocabulary.GetValueOrDefault(gram) + (sign * n);
            if (_vocabulary[gram] <= 0)
            {
                _vocabulary.Remove(gram);
            }

            _tokensPerLabel[label] += sign * n;
        }

        _docsPerLabel[label] += sign;
        DocumentCount += sign;
    }
}

public sealed record RoutingOptions
{
    /// <summary>Add-α smoothing of the bigram model; 0.1 beat 1 and 0.03 in cross-validation (docs/modules/hotline-routing.md).</summary>
    public double Alpha { get; init; } = 0.1;

    /// <summary>
    /// How many confirmed tickets the model needs before it weighs as much as the rules: the blend
    /// gives the model n / (n + this). A new deployment starts on the rules and hands over as it learns;
    /// naive Bayes is overconfident on few examples, so the hand-over is slow (300 kept accuracy at or
    /// above rules-only at every training size measured; 50 and 100 dipped below it).
    /// </summary>
    public int ModelHalfWeightDocuments { get; init; } = 300;
}

/// <summary>
/// Suggests a category for a ticket's text: keyword rules written for the taxonomy from the first day,
/// blended with a bigram naive Bayes model that learns from the deployment's confirmed tickets.
/// Not thread-safe for writes: the host keeps one per city and serialises <see cref="Learn"/>.
/// </summary>
public sealed class RoutingSuggester
{
    private readonly IReadOnlyList<KeywordRule> _rules;
    private readonly NaiveBayesTextClassifier _model;
    private readonly RoutingOptions _options;

    public RoutingSuggester(IEnumerable<KeywordRule> rules, RoutingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        _options = options ?? new RoutingOptions();
        _model = new NaiveBayesTextClassifier(_options.Alpha);
    }

    public int LearnedCount => _model.DocumentCount;

    /// <summary>An operator confirmed (or chose) <paramref name="label"/> for this text.</summary>
    public void Learn(string text, string label) => _model.Learn(text, label);

    public void Forget(string text, string label) => _model.Forget(text, label);

    /// <summary>Rule scores normalised to sum to 1; a keyword counts by its length, since longer words are more specific.</summary>
    public IReadOnlyDictionary<string, double> RuleScores(string text)
    {
        var lowered = (text ?? string.Empty).ToLowerInvariant();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            double score = 0;
            foreach (var keyword in rule.Keywords)
            {
                if (keyword.Length > 0 && lowered.Contains(keyword, StringComparison.Ordinal))
                {
                    score += keyword.Length;
                }
            }

            if (score > 0)
            {
                scores[rule.Label] = scores.GetValueOrDefault(rule.Label) + score;
            }
        }

        var total = scores.Values.Sum();
        return scores.ToDictionary(kv => kv.Key, kv => kv.Value / total, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, double> ModelScores(string text) => _model.Posterior(text);

    /// <summary>The best <paramref name="top"/> labels, best first; empty when neither rules nor model say anything.</summary>
    public IReadOnlyList<RoutingSuggestion> Suggest(string text, int top = 3)
    {
        var rules = RuleScores(text);
        var model = ModelScores(text);
        double modelWeight = model.Count == 0 ? 0
            : rules.Count == 0 ? 1
            : (double)_model.DocumentCount / (_model.DocumentCount + _options.ModelHalfWeightDocuments);
        return [.. rules.Keys.Union(model.Keys)
            .Select(label =>
            {
                var r = rules.GetValueOrDefault(label);
                var m = model.GetValueOrDefault(label);
                return new RoutingSuggestion(label, (modelWeight * m) + ((1 - modelWeight) * r), r, m);
            })
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Label, StringComparer.Ordinal)
            .Take(top)];
    }
}

/// <summary>Where a category's tickets go: the department, or directly the district or street of the problem when the category says so and the place is known.</summary>
public sealed record SuggestedUnit(UnitKind Kind, string DepartmentName, long? DistrictId, long? StreetId);

public static class UnitRouting
{
    public static SuggestedUnit For(Category category, long? districtId, long? streetId)
    {
        ArgumentNullException.ThrowIfNull(category);
        return category.RouteLevel switch
        {
            UnitKind.Street when streetId is not null => new(UnitKind.Street, category.DefaultUnit, districtId, streetId),
            UnitKind.Street or UnitKind.District when districtId is not null => new(UnitKind.District, category.DefaultUnit, districtId, streetId),
            _ => new(UnitKind.Department, category.DefaultUnit, districtId, streetId),
        };
    }
}
