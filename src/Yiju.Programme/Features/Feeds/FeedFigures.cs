using Microsoft.EntityFrameworkCore;
using Yiju.Kernel.Indicators;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Features.Feeds;

/// <summary>
/// Which programme indicator a fed figure measures, if any. <paramref name="IndicatorCode"/> null means the figure is
/// shown as its own source only; <paramref name="Note"/> says why, or what to keep in mind when comparing.
/// </summary>
public sealed record FeedMapping(string FeedCode, string? IndicatorCode, string Note);

/// <summary>
/// The mapping of other modules' figures onto Harbin's indicators, decided by what each measures, not by their names:
/// Housing computes its figures for the programme's own codes from its records; Places' walking-distance coverage
/// measures something no indicator of the programme measures (the programme's 覆盖率 count institutions per community
/// or kindergartens by ownership), so it is shown beside them, labelled, and never mapped.
/// </summary>
public static class FeedMappings
{
    private const string PlacesPrefix = "PLACES.COVERAGE.";

    private static readonly Dictionary<string, string> PlacesNotMapped = new(StringComparer.Ordinal)
    {
        ["kindergarten"] = "不对应 H4.G2.T3.I2 普惠性幼儿园覆盖率：该指标是普惠性幼儿园（公办和普惠性民办）在园幼儿或园所的占比，这里是3–6岁儿童步行300米内有幼儿园的比例，口径不同。",
        ["elderly-day-care"] = "不对应 H4.G3.T3.I2 社区日间照料机构覆盖率：该指标按社区计是否设有照料机构，这里按65岁以上人口计步行300米内是否有机构，口径不同。",
        ["childcare"] = "不对应 H4.G6.T1.I1 社区婴幼儿照护服务机构覆盖率：该指标按社区计，这里按0–3岁人口计步行覆盖，口径不同。",
        ["elderly-care-home"] = "不对应 H4.G3.T3.I5 “15分钟养老服务圈”：那是时间半径的目标，这里是步行1000米内有养老院的老年人口比例。",
    };

    public static FeedMapping For(string feedName, string code, CityProgramme programme)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(programme);
        if (code.StartsWith(PlacesPrefix, StringComparison.Ordinal))
        {
            var type = code[PlacesPrefix.Length..];
            return new FeedMapping(code, null, PlacesNotMapped.TryGetValue(type, out var why)
                ? why
                : "规划中没有测量步行范围覆盖人口比例的指标，作为生活圈分析的数字单独列出。");
        }

        if (programme.FindIndicator(code) is { } indicator)
        {
            return new FeedMapping(code, indicator.Code,
                $"由{feedName}模块按本平台的业务记录计算，只含在宜居平台办理的业务；与部门报送、经审核的数值分开列出，不计入进度。");
        }

        return new FeedMapping(code, null, "规划中没有相同口径的指标，单独列出。");
    }
}

/// <summary>A fed figure with its mapping and, where mapped, the programme's approved value for the same period and district.</summary>
public sealed record FedFigureView(string FeedName, IndicatorFigure Figure, FeedMapping Mapping, Indicator? Indicator, ReportedValue? Approved);

/// <summary>A figure one feed publishes for an indicator.</summary>
public sealed record FedFigure(string FeedName, IndicatorFigure Figure);

/// <summary>Reads every registered <see cref="IIndicatorFeed"/> for a period and lines its figures up with the programme.</summary>
public sealed class FeedFigures(IEnumerable<IIndicatorFeed> feeds, IProgrammeDb db, TimeProvider clock)
{
    public IReadOnlyList<IIndicatorFeed> Feeds { get; } = [.. feeds.OrderBy(f => f.FeedName, StringComparer.Ordinal)];

    /// <summary>
    /// The figures fed for one indicator in the given periods, asking only the feeds that publish its code (so an
    /// indicator no module feeds costs nothing), city first, then districts.
    /// </summary>
    public async Task<IReadOnlyList<FedFigure>> ForIndicator(string indicatorCode, IReadOnlyList<PeriodKey> periods, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var result = new List<FedFigure>();
        foreach (var feed in Feeds.Where(f => f.IndicatorCodes.Contains(indicatorCode)))
        {
            foreach (var period in periods)
            {
                result.AddRange((await feed.GetFiguresAsync(period, ct))
                    .Where(f => string.Equals(f.IndicatorCode, indicatorCode, StringComparison.Ordinal))
                    .Select(f => new FedFigure(feed.FeedName, f)));
            }
        }

        return result.OrderByDescending(f => f.Figure.Period).ThenBy(f => f.Figure.DistrictCode is not null)
            .ThenBy(f => f.Figure.DistrictCode, StringComparer.Ordinal).ThenBy(f => f.FeedName, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<FedFigureView>?> For(PeriodKey period, CancellationToken ct)
    {
        var programme = await new ProgrammeQueries(db, clock).LoadTree(ct);
        if (programme is null)
            return null;
        var approved = await db.ReportedValues.AsNoTracking()
            .Where(v => v.Status == ValueStatus.Approved && v.IsCurrent && v.Period == period).ToListAsync(ct);
        var result = new List<FedFigureView>();
        foreach (var feed in Feeds)
        {
            foreach (var figure in await feed.GetFiguresAsync(period, ct))
            {
                var mapping = FeedMappings.For(feed.FeedName, figure.IndicatorCode, programme);
                var indicator = mapping.IndicatorCode is { } code ? programme.FindIndicator(code) : null;
                var value = indicator is null ? null : approved.FirstOrDefault(v => v.IndicatorId == indicator.Id && v.DistrictCode == figure.DistrictCode);
                result.Add(new FedFigureView(feed.FeedName, figure, mapping, indicator, value));
            }
        }

        return result;
    }
}
