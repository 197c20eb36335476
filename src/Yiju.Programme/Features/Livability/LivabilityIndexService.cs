using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Queries;

namespace Yiju.Programme.Features.Livability;

/// <summary>The index by year for the city and by district, with the definition version it was computed with.</summary>
public sealed record LivabilityView(
    LivabilityIndexDefinition Definition, IReadOnlyDictionary<string, Indicator> Indicators, IReadOnlyList<IndexValue> City,
    IReadOnlyList<IndexValue> Districts, IReadOnlyList<DistrictRef> DistrictNames, DateOnly AsOf);

/// <param name="Components">One line per component: "code weight normalisation [min max]", e.g. "H1.G1.T1.I1 0.25 target" or "H2.G1.T7.I5 0.1 minmax 0 60".</param>
public sealed record PublishIndexCommand(string? Name, string? Components, int? BasedOnVersion);

/// <summary>
/// The 宜居指数: versioned definitions published by coordinators, and the index computed from approved values
/// (see <see cref="LivabilityIndex"/> and <see cref="LivabilityObservations"/> for the method).
/// </summary>
public sealed class LivabilityIndexService(IProgrammeDb db, IProgrammeDirectory directory, TimeProvider clock)
{
    public const string DefinitionCode = "livability";

    public async Task<IReadOnlyList<LivabilityIndexDefinition>> Definitions(CancellationToken ct) =>
        await db.LivabilityIndexDefinitions.AsNoTracking().Include(d => d.Components)
            .Where(d => d.Code == DefinitionCode).OrderByDescending(d => d.VersionNumber).ToListAsync(ct);

    public async Task<Outcome<LivabilityView>> Compute(int? version, DateOnly? asOf, CancellationToken ct)
    {
        var definitions = await Definitions(ct);
        var definition = version is { } v ? definitions.FirstOrDefault(d => d.VersionNumber == v) : definitions.FirstOrDefault();
        if (definition is null)
            return Failure.NotFound(version is null ? "尚未发布宜居指数定义 (no index definition published)" : $"宜居指数第{version}版不存在 (unknown version)");
        definition.Components = [.. definition.Components.OrderBy(c => c.SortOrder)];
        var programme = await new ProgrammeQueries(db, clock).LoadTree(ct);
        if (programme is null)
            return Failure.NotFound("规划尚未导入 (no programme yet)");
        var indicators = programme.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var ids = definition.Components.Select(c => indicators.TryGetValue(c.IndicatorCode, out var i) ? i.Id : -1).ToList();
        var values = await db.ReportedValues.AsNoTracking()
            .Where(x => ids.Contains(x.IndicatorId) && x.Status == ValueStatus.Approved && x.IsCurrent).ToListAsync(ct);
        var day = asOf ?? ChinaTime.Today(clock);
        var districts = await directory.Districts(ct);
        var observations = LivabilityObservations.ForYears(definition, indicators, values, programme.StartYear, programme.EndYear, day,
            districts.Select(d => d.Code).ToList(), programme.StartYear);
        var all = LivabilityIndex.Compute(definition, observations);
        return new LivabilityView(definition, indicators, all.Where(x => x.DistrictCode is null).ToList(),
            all.Where(x => x.DistrictCode is not null).ToList(), districts, day);
    }

    /// <summary>Publishes a new definition as the next version. Coordinators (市发改委) and city administrators only.</summary>
    public async Task<Outcome<LivabilityIndexDefinition>> Publish(PublishIndexCommand command, Caller caller, CancellationToken ct)
    {
        if (!ReportingRules.CanReview(caller.Grants))
            return Failure.Forbidden("只有规划协调人员可以发布宜居指数定义 (only programme coordinators publish the index)");
        var programme = await new ProgrammeQueries(db, clock).LoadTree(ct);
        if (programme is null)
            return Failure.NotFound("规划尚未导入 (no programme yet)");
        var name = string.IsNullOrWhiteSpace(command.Name) ? "宜居指数" : command.Name.Trim();
        if (name.Length > ProgrammeLimits.Name)
            return Failure.Invalid("Name", $"名称不能超过 {ProgrammeLimits.Name} 字 (name too long)");
        var parsed = ParseComponents(command.Components, programme);
        if (parsed.Failure is { } failure)
            return failure;
        var definitions = await Definitions(ct);
        if (command.BasedOnVersion is { } seen && definitions.FirstOrDefault()?.VersionNumber != seen)
            return Failure.Conflict("宜居指数已有新版本，请刷新后再发布 (a newer version was published; reload)");
        var definition = new LivabilityIndexDefinition
        {
            Code = DefinitionCode,
            VersionNumber = (definitions.FirstOrDefault()?.VersionNumber ?? 0) + 1,
            Name = name,
            PublishedAtUtc = clock.GetUtcNow().UtcDateTime,
            PublishedBy = caller.Name,
            Components = parsed.Value!,
        };
        try
        {
            definition.EnsureValid();
        }
        catch (ProgrammeRuleException e)
        {
            return Failure.Invalid("Components", e.Message);
        }

        db.LivabilityIndexDefinitions.Add(definition);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("宜居指数已有新版本，请刷新后再发布 (a newer version was published; reload)");
        }

        return definition;
    }

    /// <summary>The text form of a definition's components, as the publish form takes it.</summary>
    public static string Describe(LivabilityIndexDefinition definition) => string.Join("\n", definition.Components.OrderBy(c => c.SortOrder).Select(c =>
        string.Format(CultureInfo.InvariantCulture, "{0} {1} {2}{3}", c.IndicatorCode, c.Weight,
            c.Normalisation == Normalisation.TargetBased ? "target" : "minmax",
            c.Normalisation == Normalisation.MinMax && c.Min is { } min && c.Max is { } max ? string.Format(CultureInfo.InvariantCulture, " {0} {1}", min, max) : "")));

    /// <summary>
    /// Parses "code weight normalisation [min max]" lines. Direction, target and baseline are copied from the programme
    /// (the governing target in the programme's last year), so the published definition stands on its own.
    /// </summary>
    public static Outcome<List<LivabilityIndexComponent>> ParseComponents(string? text, CityProgramme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
            return Failure.Invalid("Components", "请至少填写一个指标 (at least one component)");
        if (lines.Length > 200)
            return Failure.Invalid("Components", "指标不能超过200个 (at most 200 components)");
        var indicators = programme.Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var errors = new List<string>();
        var result = new List<LivabilityIndexComponent>();
        for (var n = 0; n < lines.Length; n++)
        {
            var parts = lines[n].Split([' ', '\t', ',', '，'], StringSplitOptions.RemoveEmptyEntries);
            var row = n + 1;
            if (parts.Length is not (3 or 5))
            {
                errors.Add($"第{row}行：格式应为“指标代码 权重 target|minmax [下限 上限]” (line {row}: code weight normalisation [min max])");
                continue;
            }

            var code = ProgrammeCodes.Normalise(parts[0]);
            if (!indicators.TryGetValue(code, out var indicator))
            {
                errors.Add($"第{row}行：指标 {parts[0]} 不存在 (line {row}: unknown indicator)");
                continue;
            }

            if (result.Exists(c => c.IndicatorCode == code))
            {
                errors.Add($"第{row}行：指标 {code} 重复 (line {row}: duplicate)");
                continue;
            }

            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !double.IsFinite(weight) || weight <= 0)
            {
                errors.Add($"第{row}行：权重须为正数 (line {row}: weight must be positive)");
                continue;
            }

            var normalisation = parts[2].ToLowerInvariant() switch
            {
                "target" or "目标" => Normalisation.TargetBased,
                "minmax" or "极差" => Normalisation.MinMax,
                _ => (Normalisation?)null,
            };
            if (normalisation is null)
            {
                errors.Add($"第{row}行：标准化方法应为 target 或 minmax (line {row}: normalisation is target or minmax)");
                continue;
            }

            double? min = null, max = null;
            if (parts.Length == 5)
            {
                if (normalisation != Normalisation.MinMax
                    || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var lo)
                    || !double.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var hi)
                    || !double.IsFinite(lo) || !double.IsFinite(hi))
                {
                    errors.Add($"第{row}行：上下限只用于 minmax，且须为数字 (line {row}: bounds are numbers, for minmax only)");
                    continue;
                }

                (min, max) = (lo, hi);
            }

            var target = Overview.GoverningTarget(indicator, programme.EndYear);
            if (normalisation == Normalisation.TargetBased && target is null)
            {
                errors.Add($"第{row}行：指标 {code} 没有目标值，只能用 minmax (line {row}: no target; use minmax)");
                continue;
            }

            result.Add(new LivabilityIndexComponent
            {
                IndicatorCode = code,
                SortOrder = n,
                Weight = weight,
                Direction = indicator.Direction,
                Normalisation = normalisation.Value,
                Min = min,
                Max = max,
                Target = normalisation == Normalisation.TargetBased ? target!.Value : null,
                Baseline = normalisation == Normalisation.TargetBased ? indicator.Baseline?.Value : null,
            });
        }

        if (errors.Count > 0)
            return Failure.Invalid("宜居指数定义有误 (the definition has errors)", new Dictionary<string, string[]> { ["Components"] = [.. errors] });
        return result;
    }
}
