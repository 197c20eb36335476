using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Features.Settings;

/// <summary>
/// The deadline policy, the status wording and the selectable categories as last read, for <see cref="MaxAge"/>. Most
/// requests need the first two and every new ticket the third; reading them each time cost queries per request on the
/// busiest paths. An edit through <see cref="HotlineSettings"/> clears this node's copy at once; other web nodes pick
/// it up within <see cref="MaxAge"/>.
/// </summary>
public sealed class SettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private (DeadlinePolicy Value, DateTimeOffset At)? _policy;
    private (StatusLabels Value, DateTimeOffset At)? _labels;
    private (IReadOnlySet<string> Value, DateTimeOffset At)? _selectable;

    public DeadlinePolicy Policy(Func<DeadlinePolicy> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        lock (_lock)
        {
            if (_policy is { } p && clock.GetUtcNow() - p.At < MaxAge)
                return p.Value;
        }
        var value = load();
        lock (_lock)
            _policy = (value, clock.GetUtcNow());
        return value;
    }

    public StatusLabels Labels(Func<StatusLabels> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        lock (_lock)
        {
            if (_labels is { } l && clock.GetUtcNow() - l.At < MaxAge)
                return l.Value;
        }
        var value = load();
        lock (_lock)
            _labels = (value, clock.GetUtcNow());
        return value;
    }

    /// <summary>The codes a ticket may be filed under: active second-level categories under an active first level.</summary>
    public async Task<IReadOnlySet<string>> SelectableCategories(Func<CancellationToken, Task<IReadOnlySet<string>>> load, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(load);
        lock (_lock)
        {
            if (_selectable is { } c && clock.GetUtcNow() - c.At < MaxAge)
                return c.Value;
        }
        var value = await load(ct);
        lock (_lock)
            _selectable = (value, clock.GetUtcNow());
        return value;
    }

    public void Invalidate()
    {
        lock (_lock)
        {
            _policy = null;
            _labels = null;
            _selectable = null;
        }
    }
}
