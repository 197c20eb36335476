using Yiju.Hotline.Domain;

namespace Yiju.Hotline.Features.Settings;

/// <summary>
/// The deadline policy and status wording as last read, for <see cref="MaxAge"/>. Every request needs both, and reading
/// them each time cost two queries per request on the busiest paths. An edit through <see cref="HotlineSettings"/>
/// clears this node's copy at once; other web nodes pick it up within <see cref="MaxAge"/>.
/// </summary>
public sealed class SettingsCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private (DeadlinePolicy Value, DateTimeOffset At)? _policy;
    private (StatusLabels Value, DateTimeOffset At)? _labels;

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

    public void Invalidate()
    {
        lock (_lock)
        {
            _policy = null;
            _labels = null;
        }
    }
}
