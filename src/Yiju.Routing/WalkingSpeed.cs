namespace Yiju.Routing;

/// <summary>
/// Converts walking distance to time. GB 50180-2018 (城市居住区规划设计标准) defines the 5-, 10- and
/// 15-minute life circles by walking distance (300 m, 500 m, 800–1000 m; clause 1.0.3 and Table
/// 2.0.2–2.0.4's definitions), not by a speed, so coverage should be measured against those
/// distances. The speed only turns metres into minutes for display. The default, 1.0 m/s
/// (60 m/min), is a conservative pace that maps 5/10/15 minutes to 300/600/900 m, inside the
/// standard's ranges; planners can set e.g. 1.33 m/s (80 m/min) for able adults.
/// </summary>
public readonly record struct WalkingSpeed
{
    public static WalkingSpeed Default { get; } = new(1.0);

    public WalkingSpeed(double metresPerSecond)
    {
        if (!double.IsFinite(metresPerSecond) || metresPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(metresPerSecond), "A walking speed must be a positive number of metres per second.");
        }

        MetresPerSecond = metresPerSecond;
    }

    public double MetresPerSecond { get; }

    public TimeSpan TimeFor(double metres) => double.IsPositiveInfinity(metres)
        ? TimeSpan.MaxValue
        : TimeSpan.FromSeconds(metres / MetresPerSecond);

    public double DistanceIn(TimeSpan time) => time.TotalSeconds * MetresPerSecond;
}
