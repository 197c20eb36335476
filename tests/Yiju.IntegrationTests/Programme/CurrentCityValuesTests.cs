using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiju.Data;
using Yiju.IntegrationTests.Infrastructure;
using Yiju.Kernel.Indicators;
using Yiju.Organisation.Domain;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.IntegrationTests.Programme;

/// <summary>
/// The overview reads only the city values its statuses depend on (<see cref="CurrentCityValues"/>). Its result must be
/// the one <see cref="Overview.Assess"/> gives on every approved value, as the overview computed before: on the shipped
/// Harbin data, and after a generated mix of reports (years, quarters and months of 2022–2026 side by side, district
/// figures, revisions that replaced a value, drafts, submissions and returns, figures covering part of their period).
/// </summary>
public abstract class CurrentCityValuesTests(AppFixture fixture)
{
    private static readonly string[] Dates = ["2022-03-31", "2023-06-30", "2023-10-31", "2023-12-31", "2024-05-15", "2025-12-31", "2026-11-22", "2026-12-31"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_overview_from_city_values_equals_the_overview_from_all_values()
    {
        var app = fixture.Require();
        // On the shipped data first, then after the generated reports (the class has its own database).
        foreach (var date in Dates)
            await AssertSame(app, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture));

        var added = await AddMixedReports(app);
        Assert.True(added > 1000, $"only {added} values generated");
        foreach (var date in Dates)
            await AssertSame(app, DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Only_city_values_are_read_and_for_rates_and_levels_only_the_latest()
    {
        var app = fixture.Require();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YijuDb>();
        var queries = scope.ServiceProvider.GetRequiredService<ProgrammeQueries>();
        var programme = (await queries.LoadTree(Ct))!;
        var asOf = new DateOnly(2026, 12, 31);
        var read = await CurrentCityValues.ForOverview(db, programme, asOf, Ct);
        Assert.All(read, v => Assert.Null(v.DistrictCode));
        var indicators = programme.Indicators.ToDictionary(i => i.Id);
        Assert.All(read.Where(v => !indicators[v.IndicatorId].IsAdditiveOverTime).GroupBy(v => v.IndicatorId), g => Assert.Single(g));
        var all = await db.ReportedValues.CountAsync(v => v.Status == ValueStatus.Approved && v.IsCurrent, Ct);
        Assert.True(read.Count <= all);
    }

    private static async Task AssertSame(YijuApp app, DateOnly asOf)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YijuDb>();
        var queries = scope.ServiceProvider.GetRequiredService<ProgrammeQueries>();
        var programme = (await queries.LoadTree(Ct))!;
        var everything = await db.ReportedValues.AsNoTracking().Where(v => v.Status == ValueStatus.Approved && v.IsCurrent).ToListAsync(Ct);
        var expected = Describe(Overview.Assess(programme, everything, asOf));
        var actual = Describe((await queries.Overview(asOf, Ct))!.Homes);
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++)
            Assert.True(expected[k] == actual[k], $"asOf {asOf:yyyy-MM-dd}:\nexpected {expected[k]}\nactual   {actual[k]}");
    }

    private static List<string> Describe(IReadOnlyList<HomeProgress> homes)
    {
        var lines = new List<string>();
        foreach (var home in homes)
        {
            lines.Add($"{home.Home.Code} {string.Join(",", home.TaskCounts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"))}");
            foreach (var task in home.Tasks)
            {
                lines.Add($"{task.Task.Code} {task.Status}");
                foreach (var i in task.Indicators)
                {
                    var a = i.Assessment;
                    lines.Add(a is null
                        ? $"{i.Indicator.Code} target {i.Target?.Id} -"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"{i.Indicator.Code} target {i.Target?.Id} {a.Status} actual {a.Actual:R} target {a.TargetValue:R} baseline {a.Baseline:R} share {a.ShareOfTarget:R} elapsed {a.TimeElapsed:R} at {a.AssessedAt} missing [{string.Join(",", a.MissingPeriods)}] {a.Formula}"));
                }
            }
        }

        return lines;
    }

    /// <summary>Reports of every kind for 60 of the shipped indicators, generated with a fixed seed.</summary>
    private static async Task<int> AddMixedReports(YijuApp app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<YijuDb>();
        var districts = await db.Units.AsNoTracking().Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Code).Select(u => u.Code).Take(3).ToListAsync(Ct);
        var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Id).ToListAsync(Ct);
        var taken = (await db.ReportedValues.AsNoTracking().Select(v => new { v.IndicatorId, v.Period, v.DistrictCode }).ToListAsync(Ct))
            .Select(v => (v.IndicatorId, v.Period, v.DistrictCode)).ToHashSet();
        var random = new Random(20261122);
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var source = new SourceReference("测试", "生成的测试数据");
        var added = new List<ReportedValue>();
        foreach (var indicator in indicators.Where((_, k) => k % 2 == 0).Take(60))
        {
            foreach (var unit in new string?[] { null }.Concat(districts))
            {
                foreach (var period in Periods(random))
                {
                    if (!taken.Add((indicator.Id, period, unit)))
                        continue;
                    var value = Math.Round(random.NextDouble() * (indicator.Kind == IndicatorKind.Rate ? 100 : 5000), random.Next(3));
                    DateOnly? observed = random.Next(10) == 0 ? period.End.AddDays(-random.Next(1, 20)) : null;
                    switch (random.Next(10))
                    {
                        case 0:
                            added.Add(ReportedValue.CreateDraft(indicator.Id, period, unit, value, null, null, source, "填报人", at));
                            break;
                        case 1:
                            var submitted = ReportedValue.CreateDraft(indicator.Id, period, unit, value, null, null, source, "填报人", at);
                            submitted.Submit("填报人", at);
                            if (random.Next(2) == 0)
                                submitted.Return("审核人", at, "数据有误");
                            added.Add(submitted);
                            break;
                        case 2:
                            // A revision approved: the first value is no longer current.
                            var first = ReportedValue.Published(indicator.Id, period, unit, value, source, at, observed);
                            var revision = first.Revise(value * 1.5 + 1, null, null, "更正", "填报人", at);
                            revision.Submit("填报人", at);
                            revision.Approve("审核人", at, first);
                            added.Add(first);
                            added.Add(revision);
                            break;
                        case 3:
                            // A revision awaiting review: the first value is still the current one.
                            var standing = ReportedValue.Published(indicator.Id, period, unit, value, source, at, observed);
                            var pending = standing.Revise(value + 7, null, null, "更正", "填报人", at);
                            pending.Submit("填报人", at);
                            added.Add(standing);
                            added.Add(pending);
                            break;
                        default:
                            added.Add(ReportedValue.Published(indicator.Id, period, unit, value, source, at, observed));
                            break;
                    }
                }
            }
        }

        db.ReportedValues.AddRange(added);
        await db.SaveChangesAsync(Ct);
        return added.Count;
    }

    /// <summary>A random selection of years, quarters and months of 2022–2026, so that some overlap and some leave gaps.</summary>
    private static IEnumerable<PeriodKey> Periods(Random random)
    {
        var style = random.Next(4);
        for (var year = 2022; year <= 2026; year++)
        {
            if (style is 0 or 3 && random.Next(4) > 0)
                yield return PeriodKey.ForYear(year);
            for (var q = 1; q <= 4; q++)
            {
                if (style is 1 or 3 && random.Next(5) > 0)
                    yield return PeriodKey.ForQuarter(year, q);
            }

            for (var m = 1; m <= 12; m++)
            {
                if (style is 2 or 3 && random.Next(6) > 0)
                    yield return PeriodKey.ForMonth(year, m);
            }
        }
    }
}

public sealed class CurrentCityValuesOnSqlite(SqliteFixture fixture) : CurrentCityValuesTests(fixture), IClassFixture<SqliteFixture>;

public sealed class CurrentCityValuesOnPostgres(PostgresFixture fixture) : CurrentCityValuesTests(fixture), IClassFixture<PostgresFixture>;
