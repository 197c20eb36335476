using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Yiju.Kernel.Indicators;
using Yiju.Programme.Domain;

namespace Yiju.Programme.SeedData;

/// <summary>One row of indicators.csv exactly as shipped, with the note shown beside it.</summary>
public sealed record SeedFigure(
    string IndicatorCode, string TaskCode, string Kind, string Year, string Period, double Value, string Scope,
    SourceReference Source, string? ComparabilityNote);

/// <summary>The shipped Harbin programme parsed into the domain model.</summary>
/// <param name="Programme">The tree with indicators, baselines and targets. Ids are assigned 1, 2, 3 … per entity type in file order.</param>
/// <param name="Values">The published actuals as approved <see cref="ReportedValue"/>s, linked by indicator id.</param>
/// <param name="Figures">Every row of indicators.csv (targets, actuals and baselines) with its source.</param>
public sealed record HarbinProgrammeSeed(CityProgramme Programme, IReadOnlyList<ReportedValue> Values, IReadOnlyList<SeedFigure> Figures);

/// <summary>
/// Reads programme.csv and indicators.csv (embedded from shared/data/harbin-programme) into the domain model.
/// Every target, baseline and value keeps its seed file and exact quote. Indicator properties the files do not state
/// (kind, roll-up, accumulation, frequency) are derived by documented rules; see docs/modules/programme.md.
/// </summary>
public static partial class HarbinSeedLoader
{
    public const string ProgrammeCode = "harbin-livable-2022-2026";
    public const string ProgrammeName = "《哈尔滨市打造“宜居幸福之都”实施方案(2022—2026年)》";
    public const int StartYear = 2022;
    public const int EndYear = 2026;

    private const string ProgrammeHeader = "home_code,home_name,goal_code,goal_name,task_code,task_name,lead_department,source_file";
    private const string IndicatorsHeader = "indicator_code,task_code,indicator_name,unit,direction,kind,year,period,value,scope,source_file,source_quote";

    /// <summary>Loads the embedded data. <paramref name="importedAtUtc"/> stamps the published values' history.</summary>
    public static HarbinProgrammeSeed Load(DateTime importedAtUtc)
    {
        using var programme = new StreamReader(OpenResource("programme.csv"));
        using var indicators = new StreamReader(OpenResource("indicators.csv"));
        return Load(programme, indicators, importedAtUtc);
    }

    /// <summary>The shipped README.md or PROVENANCE.md, for display.</summary>
    public static string ReadDocument(string name)
    {
        using var reader = new StreamReader(OpenResource(name));
        return reader.ReadToEnd();
    }

    public static HarbinProgrammeSeed Load(TextReader programmeCsv, TextReader indicatorsCsv, DateTime importedAtUtc)
    {
        var programme = new CityProgramme
        {
            Id = 1,
            Code = ProgrammeCode,
            Name = ProgrammeName,
            StartYear = StartYear,
            EndYear = EndYear,
        };
        var tasks = ReadTree(programmeCsv, programme);
        var (figures, values) = ReadIndicators(indicatorsCsv, tasks, importedAtUtc);
        return new HarbinProgrammeSeed(programme, values, figures);
    }

    private static Stream OpenResource(string name) =>
        typeof(HarbinSeedLoader).Assembly.GetManifestResourceStream("Yiju.Programme.SeedData." + name)
        ?? throw new InvalidOperationException($"Embedded seed resource {name} is missing from {Assembly.GetExecutingAssembly().GetName().Name}.");

    private static CsvReader OpenCsv(TextReader reader, string expectedHeader)
    {
        var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.None });
        if (!csv.Read() || !csv.ReadHeader() || !string.Equals(string.Join(',', csv.HeaderRecord!), expectedHeader, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Unexpected header; expected {expectedHeader}.");
        }

        return csv;
    }

    private static Dictionary<string, ProgrammeTask> ReadTree(TextReader reader, CityProgramme programme)
    {
        using var csv = OpenCsv(reader, ProgrammeHeader);
        var homes = new Dictionary<string, Home>(StringComparer.Ordinal);
        var goals = new Dictionary<string, Goal>(StringComparer.Ordinal);
        var tasks = new Dictionary<string, ProgrammeTask>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var homeCode = csv.GetField("home_code")!;
            if (!homes.TryGetValue(homeCode, out var home))
            {
                home = new Home { Id = homes.Count + 1, ProgrammeId = programme.Id, Code = homeCode, Name = csv.GetField("home_name")!, SortOrder = homes.Count + 1 };
                homes.Add(homeCode, home);
                programme.Homes.Add(home);
            }

            var goalCode = csv.GetField("goal_code")!;
            if (!goals.TryGetValue(goalCode, out var goal))
            {
                goal = new Goal { Id = goals.Count + 1, HomeId = home.Id, Code = goalCode, Name = csv.GetField("goal_name")!, SortOrder = home.Goals.Count + 1 };
                goals.Add(goalCode, goal);
                home.Goals.Add(goal);
            }

            var taskCode = csv.GetField("task_code")!;
            var lead = csv.GetField("lead_department")!;
            var task = new ProgrammeTask
            {
                Id = tasks.Count + 1,
                GoalId = goal.Id,
                Code = taskCode,
                Name = csv.GetField("task_name")!,
                SortOrder = goal.Tasks.Count + 1,
                LeadDepartment = lead.Length == 0 ? null : lead,
                SourceDocuments = [.. csv.GetField("source_file")!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            };
            if (!tasks.TryAdd(taskCode, task))
            {
                throw new InvalidDataException($"Task {taskCode} appears twice in programme.csv.");
            }

            goal.Tasks.Add(task);
        }

        return tasks;
    }

    private static (List<SeedFigure> Figures, List<ReportedValue> Values) ReadIndicators(
        TextReader reader, Dictionary<string, ProgrammeTask> tasks, DateTime importedAtUtc)
    {
        using var csv = OpenCsv(reader, IndicatorsHeader);
        var figures = new List<SeedFigure>();
        while (csv.Read())
        {
            var code = csv.GetField("indicator_code")!;
            var kind = csv.GetField("kind")!;
            var year = csv.GetField("year")!;
            var period = csv.GetField("period")!;
            var scope = csv.GetField("scope")!;
            var sourceFile = csv.GetField("source_file")!;
            var quote = csv.GetField("source_quote")!;
            var valueText = csv.GetField("value")!;
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"Row {csv.Parser.Row}: value '{valueText}' is not a number.");
            }

            figures.Add(new SeedFigure(code, csv.GetField("task_code")!, kind, year, period, value, scope,
                new SourceReference(sourceFile, quote), SeedNotes.For(code, kind, sourceFile, year, period, scope, quote)));

            if (!tasks.TryGetValue(figures[^1].TaskCode, out var task))
            {
                throw new InvalidDataException($"Row {csv.Parser.Row}: task {figures[^1].TaskCode} is not in programme.csv.");
            }

            if (!task.Indicators.Exists(i => string.Equals(i.Code, code, StringComparison.Ordinal)))
            {
                task.Indicators.Add(NewIndicator(code, csv.GetField("indicator_name")!, csv.GetField("unit")!, csv.GetField("direction")!, task.Id));
            }
        }

        var indicators = tasks.Values.SelectMany(t => t.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var nextIndicatorId = 1L;
        foreach (var indicator in tasks.Values.OrderBy(t => t.Id).SelectMany(t => t.Indicators))
        {
            indicator.Id = nextIndicatorId++;
        }

        var values = new List<ReportedValue>();
        var nextTargetId = 1L;
        foreach (var f in figures)
        {
            var indicator = indicators[f.IndicatorCode];
            DefineFromRow(indicator, f);
            switch (f.Kind)
            {
                case "target":
                    var target = NewTarget(f);
                    target.Id = nextTargetId++;
                    target.IndicatorId = indicator.Id;
                    indicator.Targets.Add(target);
                    break;
                case "actual":
                    var (key, observedThrough) = ActualPeriod(f);
                    values.Add(ReportedValue.Published(indicator.Id, key, null, f.Value, f.Source, importedAtUtc, observedThrough,
                        f.Period, f.ComparabilityNote, SeedValueId(f)));
                    break;
                case "baseline":
                    indicator.Baseline = new IndicatorBaseline
                    {
                        Value = f.Value,
                        Year = f.Year.Length == 0 ? null : int.Parse(f.Year, CultureInfo.InvariantCulture),
                        Source = f.Source,
                        ComparabilityNote = f.ComparabilityNote,
                    };
                    break;
                default:
                    throw new InvalidDataException($"{f.IndicatorCode}: unknown row kind '{f.Kind}'.");
            }
        }

        return (figures, values);
    }

    private static Indicator NewIndicator(string code, string name, string unit, string direction, long taskId)
    {
        var kind = KindFor(name, unit);
        return new Indicator
        {
            TaskId = taskId,
            Code = code,
            Name = name,
            Unit = unit,
            Direction = direction switch
            {
                "up" => Direction.HigherIsBetter,
                "down" => Direction.LowerIsBetter,
                "info" => Direction.ForInformation,
                _ => throw new InvalidDataException($"{code}: unknown direction '{direction}'."),
            },
            Kind = kind,
            Frequency = PeriodType.Year,
            Rollup = kind switch
            {
                IndicatorKind.Count or IndicatorKind.Amount => DistrictRollup.Sum,
                IndicatorKind.Rate => DistrictRollup.NumeratorDenominator,
                IndicatorKind.Level => DistrictRollup.None,
                _ => throw new InvalidOperationException("Unknown kind."),
            },
            Accumulation = name.StartsWith("累计", StringComparison.Ordinal) ? Accumulation.Cumulative : Accumulation.PerPeriod,
        };
    }

    /// <summary>
    /// The files give unit and name, not the kind. "%" is a rate (0–100, from parts) unless it is a growth or mark-up
    /// figure, which can exceed 100 or fall below 0; per-head figures, minutes, ages and money standards are levels;
    /// money and area are amounts; everything else is a count.
    /// </summary>
    internal static IndicatorKind KindFor(string name, string unit)
    {
        if (string.Equals(unit, "%", StringComparison.Ordinal))
        {
            return name.Contains("增长", StringComparison.Ordinal) || name.Contains("上浮", StringComparison.Ordinal)
                ? IndicatorKind.Level
                : IndicatorKind.Rate;
        }

        if (name.Contains("人均", StringComparison.Ordinal) || name.StartsWith("每千人", StringComparison.Ordinal)
            || unit is "分钟" or "岁" || unit.StartsWith("元/", StringComparison.Ordinal))
        {
            return IndicatorKind.Level;
        }

        return unit is "万元" or "亿元" or "万平方米" or "平方米" or "公顷" ? IndicatorKind.Amount : IndicatorKind.Count;
    }

    /// <summary>Row facts that belong to the indicator: a stock at a date makes it cumulative; a per-district target makes it broken down.</summary>
    private static void DefineFromRow(Indicator indicator, SeedFigure f)
    {
        if (f.Period.StartsWith('@'))
        {
            indicator.Accumulation = Accumulation.Cumulative;
        }

        if (string.Equals(f.Scope, "各区县(市)", StringComparison.Ordinal))
        {
            indicator.HasDistrictBreakdown = true;
        }

        if (!string.Equals(f.Scope, "全市", StringComparison.Ordinal) && !f.Scope.StartsWith('各'))
        {
            indicator.Scope = f.Scope;
        }
    }

    private static IndicatorTarget NewTarget(SeedFigure f)
    {
        int? year = f.Year.Length == 0 ? null : int.Parse(f.Year, CultureInfo.InvariantCulture);
        var target = new IndicatorTarget
        {
            Value = f.Value,
            Scope = f.Scope,
            AppliesToEachUnit = f.Scope.StartsWith('各'),
            PeriodLabel = f.Period,
            Source = f.Source,
            ComparabilityNote = f.ComparabilityNote,
        };
        var window = PlanWindow().Match(f.Period);
        if (f.Period.Length == 0)
        {
            target.Kind = TargetKind.Undated;
            target.DeadlineYear = year;
        }
        else if (window.Success)
        {
            target.FromYear = window.Groups["from"].Success ? int.Parse(window.Groups["from"].Value, CultureInfo.InvariantCulture) : null;
            target.RepeatsEachYear = window.Groups["yr"].Success;
            target.Kind = target.RepeatsEachYear ? TargetKind.Annual : TargetKind.PlanPeriod;

            // The README: a 2022..2026 target's deadline is 2026 only when the row states a year.
            target.DeadlineYear = target.RepeatsEachYear ? int.Parse(window.Groups["to"].Value, CultureInfo.InvariantCulture) : year;
        }
        else if (PeriodKey.TryParse(f.Period, out var key) && key.Type == PeriodType.Year)
        {
            target.Kind = TargetKind.Annual;
            target.FromYear = key.Year;
            target.DeadlineYear = key.Year;
        }
        else
        {
            throw new InvalidDataException($"{f.IndicatorCode}: target period '{f.Period}' is not understood.");
        }

        return target;
    }

    /// <summary>
    /// Seed actuals are yearly figures reported part-way through 2023. The key is the year; the last day the figure
    /// covers is kept so that progress is compared with the time elapsed by then.
    /// </summary>
    internal static (PeriodKey Key, DateOnly? ObservedThrough) ActualPeriod(SeedFigure f)
    {
        var p = f.Period;
        if (p.StartsWith('@'))
        {
            var date = DateOnly.ParseExact(p[1..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return (PeriodKey.ForYear(date.Year), date);
        }

        var months = MonthRange().Match(p);
        if (months.Success)
        {
            var last = PeriodKey.Parse(months.Groups["to"].Value);
            var first = PeriodKey.Parse(months.Groups["from"].Value);
            if (first.Year != last.Year)
            {
                throw new InvalidDataException($"{f.IndicatorCode}: month range '{p}' crosses a year.");
            }

            return (PeriodKey.ForYear(last.Year), last.End);
        }

        var quarters = QuarterRange().Match(p);
        if (quarters.Success)
        {
            var year = int.Parse(quarters.Groups["year"].Value, CultureInfo.InvariantCulture);
            var last = PeriodKey.ForQuarter(year, quarters.Groups["to"].Value[0] - '0');
            return (PeriodKey.ForYear(year), last.End);
        }

        if (PeriodKey.TryParse(p, out var key) && key.Type == PeriodType.Year)
        {
            // Year-to-date at the time the source was published, when it was published within that year.
            var published = SeedDocuments.Find(f.Source.Document)?.PublishedOn;
            return (key, published is { } d && key.Contains(d) ? d : null);
        }

        throw new InvalidDataException($"{f.IndicatorCode}: actual period '{p}' is not understood.");
    }

    /// <summary>The same row always gets the same id, so seeding twice can be detected instead of duplicating values.</summary>
    internal static Guid SeedValueId(SeedFigure f)
    {
        var key = string.Join('|', ProgrammeCode, f.IndicatorCode, f.Kind, f.Period, f.Source.Document, f.Source.Quote);
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }

    [GeneratedRegex(@"^(?<from>\d{4})?\.\.(?<to>\d{4})(?<yr>/yr)?$")]
    private static partial Regex PlanWindow();

    [GeneratedRegex(@"^(?<from>\d{4}-\d{2})\.\.(?<to>\d{4}-\d{2})$")]
    private static partial Regex MonthRange();

    [GeneratedRegex(@"^(?<year>\d{4})Q(?<from>[1-4])-Q(?<to>[1-4])$")]
    private static partial Regex QuarterRange();
}
