using Yiju.Programme.Domain;

namespace Yiju.UnitTests.Programme;

public class ProjectionTests
{
    private static TrendPoint P(int y, int m, int d, double v) => new(new DateOnly(y, m, d), v);

    [Fact]
    public void Least_squares_with_three_or_more_points()
    {
        // Exactly linear data: OLS must reproduce the line.
        var start = new DateOnly(2024, 1, 1);
        var points = Enumerable.Range(0, 5).Select(i => new TrendPoint(start.AddDays(i * 10), 3 + (0.5 * i * 10))).ToList();
        var result = Projection.Project(points, start.AddDays(100))!;
        Assert.Equal(53, result.Value, 6);
        Assert.Equal(Projection.LeastSquaresMethod, result.Method);
    }

    [Fact]
    public void Least_squares_fits_noisy_points()
    {
        // x = 0, 1, 2, 3 days; y = 1, 3, 2, 4 → slope 0.8, intercept 1.3 (by hand).
        var d0 = new DateOnly(2024, 1, 1);
        var points = new[] { new TrendPoint(d0, 1), new TrendPoint(d0.AddDays(1), 3), new TrendPoint(d0.AddDays(2), 2), new TrendPoint(d0.AddDays(3), 4) };
        var result = Projection.Project(points, d0.AddDays(10))!;
        Assert.Equal(1.3 + 8, result.Value, 9);
        Assert.Equal(0.8 * 365.25, result.SlopePerYear, 9);
    }

    [Fact]
    public void Two_points_give_the_line_through_them_and_one_gives_nothing()
    {
        var result = Projection.Project([P(2024, 12, 31, 10), P(2025, 12, 31, 20)], new DateOnly(2026, 12, 31))!;
        Assert.Equal(30, result.Value, 9);
        Assert.Equal(Projection.LastTwoPointsMethod, result.Method);
        Assert.Null(Projection.Project([P(2024, 1, 1, 5)], new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Per_period_counts_are_projected_as_running_totals()
    {
        var flats = TestData.Indicator();
        var values = new[] { TestData.Approved(flats, "2022", 6000), TestData.Approved(flats, "2023", 6000) };
        var result = Projection.ProjectToDeadline(flats, TestData.Plan(2022, 2026, 30000), values, 2022)!;

        // Running totals 6000 at end-2022 and 12000 at end-2023: 6000 a year (by days) to end-2026.
        var perDay = 6000.0 / 365;
        Assert.Equal(12000 + (perDay * (new DateOnly(2026, 12, 31).DayNumber - new DateOnly(2023, 12, 31).DayNumber)), result.Value, 6);
    }

    [Fact]
    public void No_projection_without_a_deadline()
    {
        var flats = TestData.Indicator();
        Assert.Null(Projection.ProjectToDeadline(flats, TestData.Plan(2022, null, 30000), [TestData.Approved(flats, "2022", 1), TestData.Approved(flats, "2023", 2)], 2022));
    }
}
