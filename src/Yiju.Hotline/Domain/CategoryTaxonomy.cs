using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yiju.Hotline.Domain;

/// <summary>One node of the two-level taxonomy. Codes are stable ("heating", "heating.fee"); names and units are editable labels.</summary>
public sealed class Category : Yiju.Kernel.Auditing.IVersioned
{
    public string Code { get; set; } = string.Empty;
    public string? ParentCode { get; set; }
    public string NameZh { get; set; } = string.Empty;
    public string NameEn { get; set; } = string.Empty;
    /// <summary>The Harbin department that answers for this category by default, e.g. 市住建局.</summary>
    public string DefaultUnit { get; set; } = string.Empty;
    /// <summary>Whether tickets go to the department itself or straight to the district or street where the problem is (直派).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<UnitKind>))]
    public UnitKind RouteLevel { get; set; } = UnitKind.Department;
    public List<string> Keywords { get; set; } = [];
    public bool IsActive { get; set; } = true;

    /// <summary>Concurrency token for edits in the UI (bumped by the data layer); not part of the seed.</summary>
    [JsonIgnore]
    public int Version { get; set; } = 1;

    [JsonIgnore]
    public bool IsTopLevel => ParentCode is null;

    /// <summary>The first-level code of this category ("heating" for "heating.fee").</summary>
    [JsonIgnore]
    public string TopLevelCode => ParentCode ?? Code;
}

/// <summary>
/// The two-level category tree as editable data. <see cref="LoadSeed"/> reads the starting tree
/// shipped with the module (Domain/Seed/categories.json); administrators then add, rename,
/// reroute or deactivate categories, and the data layer persists the result.
/// </summary>
public sealed class CategoryTaxonomy
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Dictionary<string, Category> _byCode = new(StringComparer.Ordinal);

    public CategoryTaxonomy(IEnumerable<Category> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        foreach (var category in categories.OrderBy(c => c.ParentCode is null ? 0 : 1))
        {
            Add(category);
        }
    }

    public IReadOnlyCollection<Category> All => _byCode.Values;

    public IEnumerable<Category> TopLevel => _byCode.Values.Where(c => c.IsTopLevel);

    public IEnumerable<Category> ChildrenOf(string code) => _byCode.Values.Where(c => string.Equals(c.ParentCode, code, StringComparison.Ordinal));

    public Category? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>Whether a ticket may be filed under <paramref name="code"/>: it exists, is active, and so is its parent.</summary>
    public bool IsSelectable(string code) =>
        Find(code) is { IsActive: true } c && (c.ParentCode is null || Find(c.ParentCode) is { IsActive: true });

    public static CategoryTaxonomy LoadSeed()
    {
        using var stream = typeof(CategoryTaxonomy).Assembly.GetManifestResourceStream("Yiju.Hotline.Domain.Seed.categories.json")
            ?? throw new InvalidOperationException("The category seed is missing from the assembly.");
        return FromJson(stream);
    }

    public static CategoryTaxonomy FromJson(Stream json)
    {
        var document = JsonSerializer.Deserialize<SeedDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("Empty category document.");
        return new CategoryTaxonomy(document.Categories);
    }

    public string ToJson() => JsonSerializer.Serialize(new SeedDocument(1, _byCode.Values.OrderBy(c => c.Code, StringComparer.Ordinal).ToList()), JsonOptions);

    /// <summary>Adds a category; its parent must exist and be top-level (the tree has two levels).</summary>
    public void Add(Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentException.ThrowIfNullOrWhiteSpace(category.Code);
        ArgumentException.ThrowIfNullOrWhiteSpace(category.NameZh);
        if (_byCode.ContainsKey(category.Code))
        {
            throw new ArgumentException($"Category {category.Code} already exists.", nameof(category));
        }

        if (category.ParentCode is { } parent)
        {
            if (Find(parent) is not { IsTopLevel: true })
            {
                throw new ArgumentException($"Parent {parent} of {category.Code} is not a first-level category.", nameof(category));
            }

            if (!category.Code.StartsWith(parent + ".", StringComparison.Ordinal))
            {
                throw new ArgumentException($"A second-level code must start with its parent's code and a dot ({parent}.…).", nameof(category));
            }
        }
        else if (category.Code.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("A first-level code has no dot.", nameof(category));
        }

        _byCode.Add(category.Code, category);
    }

    /// <summary>Changes labels, receiving unit, routing level or keywords; the code stays.</summary>
    public void Update(string code, Action<Category> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var category = Find(code) ?? throw new KeyNotFoundException($"No category {code}.");
        edit(category);
        category.Code = code;
    }

    /// <summary>Retires a category: old tickets keep it, new ones cannot use it.</summary>
    public void Deactivate(string code) => Update(code, c => c.IsActive = false);

    /// <summary>Keyword rules for the routing suggester, one per active category; second-level rules include the parent's words.</summary>
    public IReadOnlyList<KeywordRule> KeywordRules(Func<Category, string?>? label = null)
    {
        label ??= c => c.Code;
        var rules = new List<KeywordRule>();
        foreach (var category in _byCode.Values.Where(c => c.IsActive && !c.IsTopLevel))
        {
            var target = label(category);
            var parent = Find(category.ParentCode!)!;
            var words = category.Keywords.Concat(parent.Keywords).Distinct(StringComparer.Ordinal).ToList();
            if (target is not null && words.Count > 0)
            {
                rules.Add(new KeywordRule(target, words));
            }
        }

        return rules;
    }

    private sealed record SeedDocument(int Version, List<Category> Categories);
}
