using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Settings;

namespace Yiju.UnitTests.Hotline;

public sealed class SettingsCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_value_is_read_once_per_max_age_and_again_after_an_edit()
    {
        var clock = new ManualClock();
        var cache = new SettingsCache(clock);
        var reads = 0;
        StatusLabels Load()
        {
            reads++;
            return StatusLabels.Default;
        }

        cache.Labels(Load);
        cache.Labels(Load);
        Assert.Equal(1, reads);
        clock.Now += SettingsCache.MaxAge;
        cache.Labels(Load);
        Assert.Equal(2, reads);
        cache.Invalidate();
        cache.Labels(Load);
        Assert.Equal(3, reads);
    }

    [Fact]
    public void A_read_begun_before_an_edit_is_not_kept()
    {
        var cache = new SettingsCache(new ManualClock());
        var reads = 0;
        cache.Policy(() =>
        {
            reads++;
            cache.Invalidate(); // the edit lands while this read is in flight
            return DeadlinePolicy.Default;
        });
        cache.Policy(() =>
        {
            reads++;
            return DeadlinePolicy.Default;
        });
        Assert.Equal(2, reads);
    }
}
