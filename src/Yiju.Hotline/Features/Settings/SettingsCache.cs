using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Features.Settings;

/// <summary>
/// The deadline policy, the status wording, the selectable categories and the active Open311 clients as last read, for
/// <see cref="MaxAge"/>. Most requests need the first two and every new ticket the third; reading them each time cost
/// queries per request on the busiest paths. An edit through <see cref="HotlineSettings"/> or <see cref="Open311.Open311Clients"/>
/// clears this node's copy at once; other web nodes pick it up within <see cref="MaxAge"/>.
/// </summary>
public sealed class SettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (object Value, DateTimeOffset At)> _entries = new(StringComparer.Ordinal);
    // Bumped by Invalidate, so that a read begun before an edit does not store what it read after the edit.
    private long _generation;

    public DeadlinePolicy Policy(Func<DeadlinePolicy> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (TryGet<DeadlinePolicy>(nameof(Policy), out var cached, out var generation))
            return cached;
        return Store(nameof(Policy), load(), generation);
    }

    public StatusLabels Labels(Func<StatusLabels> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (TryGet<StatusLabels>(nameof(Labels), out var cached, out var generation))
            return cached;
        return Store(nameof(Labels), load(), generation);
    }

    /// <summary>The codes a ticket may be filed under: active second-level categories under an active first level.</summary>
    public async Task<IReadOnlySet<string>> SelectableCategories(Func<CancellationToken, Task<IReadOnlySet<string>>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (TryGet<IReadOnlySet<string>>(nameof(SelectableCategories), out var cached, out var generation))
            return cached;
        return Store(nameof(SelectableCategories), await load(ct), generation);
    }

    /// <summary>
    /// The active Open311 clients by the SHA-256 of their api_key: every Open311 POST is authenticated, and the query
    /// was a quarter of the web server's work per ticket. A revoked key is refused at once on the node that revoked it,
    /// on other nodes within <see cref="MaxAge"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Open311.Open311ClientView>> ActiveOpen311Clients(
        Func<CancellationToken, Task<IReadOnlyDictionary<string, Open311.Open311ClientView>>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (TryGet<IReadOnlyDictionary<string, Open311.Open311ClientView>>(nameof(ActiveOpen311Clients), out var cached, out var generation))
            return cached;
        return Store(nameof(ActiveOpen311Clients), await load(ct), generation);
    }

    public void Invalidate()
    {
        lock (_lock)
        {
            _entries.Clear();
            _generation++;
        }
    }

    private bool TryGet<T>(string key, out T value, out long generation)
    {
        lock (_lock)
        {
            generation = _generation;
            if (_entries.TryGetValue(key, out var e) && clock.GetUtcNow() - e.At < MaxAge)
            {
                value = (T)e.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    private T Store<T>(string key, T value, long generation)
        where T : notnull
    {
        lock (_lock)
        {
            if (generation == _generation)
                _entries[key] = (value, clock.GetUtcNow());
        }
        return value;
    }
}
