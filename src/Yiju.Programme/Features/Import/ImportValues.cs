using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Data;
using Yiju.Kernel.Indicators;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;
using Yiju.Programme.Features.Export;

namespace Yiju.Programme.Features.Import;

/// <summary>An uploaded import file: its name as sent (decides .xlsx or .csv), its bytes, and whether to submit at once.</summary>
public sealed record ImportCommand(string? FileName, byte[] Content, bool Submit);

/// <summary>What an accepted import did.</summary>
public sealed record ImportSummary(Guid ImportId, string FileName, int Created, int Replaced, bool Submitted, string Sha256Hex);

/// <summary>
/// Bulk import of reported values from .xlsx or .csv, all or nothing: every row is read and checked by
/// <see cref="ValueImportRules"/> (the checks of single entry), and one bad row means nothing is written and every bad
/// row is listed (Failure.Errors keyed "row N"). Accepted rows become drafts, or submissions when asked, exactly as if
/// entered one by one; a row for a period whose latest value is a draft or was returned replaces that value.
/// </summary>
public sealed class ImportValues(IProgrammeDb db, IProgrammeDirectory directory, TimeProvider clock, IBulkCopy bulkCopy)
{
    public ValidationSettings Settings { get; init; } = ValidationSettings.Default;

    public async Task<Outcome<ImportSummary>> Handle(ImportCommand command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var departments = await directory.DepartmentNames(caller, ct);
        var callerDistricts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        if ((departments.Count == 0 || !caller.Has(Role.DepartmentStaff)) && callerDistricts.Count == 0)
            return Failure.Forbidden("只有填报单位（部门或区县）的工作人员可以导入 (only reporting staff of a department or district may import)");
        var format = ImportFileReader.FormatOf(command.FileName);
        if (format is null)
            return Failure.Invalid("file", "只能导入 .xlsx 或 .csv 文件 (only .xlsx or .csv files)");
        if (command.Content.Length == 0)
            return Failure.Invalid("file", "文件为空 (empty file)");
        if (command.Content.Length > ValueImportRules.MaxFileBytes)
            return Failure.Invalid("file", $"文件不能超过 {ValueImportRules.MaxFileBytes / 1024 / 1024} MB (file too large)");

        var parsed = ImportFileReader.Read(format, command.Content);
        if (parsed.Errors.Count > 0)
            return Refuse(parsed.Errors, parsed.Rows.Count);
        var context = await Context(parsed.Rows, caller, departments, callerDistricts, ct);
        if (context is null)
            return Failure.NotFound("规划尚未导入 (no programme yet)");
        var (candidates, errors) = ValueImportRules.Check(parsed.Rows, context);
        if (errors.Count > 0)
            return Refuse(errors, parsed.Rows.Count);
        if (candidates.Count == 0)
            return Failure.Invalid("file", "文件中没有可导入的数值 (no values in the file)");
        return await Write(command, format, candidates, caller, ct);
    }

    /// <summary>The template: the layout's headers, one line per indicator the caller reports (code and name filled in), and a sheet explaining each column.</summary>
    public async Task<Outcome<(byte[] Content, string ContentType, string FileName)>> Template(string format, Caller caller, CancellationToken ct)
    {
        var departments = await directory.DepartmentNames(caller, ct);
        var callerDistricts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        var tasks = await db.ProgrammeTasks.AsNoTracking().Include(t => t.Indicators).OrderBy(t => t.Code).ToListAsync(ct);
        var layout = ValueImportRules.Columns.Layout;
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var t in tasks)
        {
            foreach (var i in t.Indicators.OrderBy(i => i.Code, StringComparer.Ordinal))
            {
                if (ReportingRules.CanReport(t, caller.Grants, departments))
                {
                    rows.Add([i.Code, i.Name, null, null, null, null, null, null, null]);
                }
                else if (ReportingRules.ReportsSomeOf(t, i, caller.Grants, departments, callerDistricts))
                {
                    foreach (var d in callerDistricts)
                        rows.Add([i.Code, i.Name, null, d, null, null, null, null, null]);
                }
            }
        }

        var data = new ExportTable("数据", layout.Select(c => c.Chinese).ToList(), rows) { TextColumns = new HashSet<int> { 0, 2, 3 } };
        if (format == "csv")
            return TableExport.Write("csv", data with { Name = "指标数值导入模板" });
        var help = new ExportTable("说明", ["列名", "英文列名", "必填", "说明"],
            layout.Select(c => (IReadOnlyList<object?>)[c.Chinese, c.Key, c.Required ? "是" : "否", c.Meaning]).ToList());
        var (content, type, _) = TableExport.Write("xlsx", data, help);
        return (content, type, "指标数值导入模板.xlsx");
    }

    private static Failure Refuse(IReadOnlyList<ImportRowError> errors, int rowCount)
    {
        var byRow = errors.GroupBy(e => e.RowNumber).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key == 0 ? "file" : $"row {g.Key}", g => g.Select(e => e.Message).ToArray());
        var rows = errors.Where(e => e.RowNumber > 1).Select(e => e.RowNumber).Distinct().Count();
        var message = rows > 0
            ? $"导入未完成：{rowCount} 行中有 {rows} 行有错误，未导入任何数值，请修改后重新导入 (nothing imported: {rows} of {rowCount} rows have errors)"
            : $"导入未完成：{errors[0].Message}";
        return Failure.Invalid(message, byRow);
    }

    private async Task<ImportContext?> Context(
        IReadOnlyList<ImportRow> rows, Caller caller, IReadOnlyList<string> departments, IReadOnlyList<string> callerDistricts, CancellationToken ct)
    {
        var programme = await db.Programmes.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.StartYear, p.EndYear }).FirstOrDefaultAsync(ct);
        if (programme is null)
            return null;
        var codes = rows.Select(r => ProgrammeCodes.Normalise(r.IndicatorCode)).Where(c => c.Length > 0).ToHashSet(StringComparer.Ordinal);
        var indicators = await db.Indicators.AsNoTracking()
            .Join(db.ProgrammeTasks.AsNoTracking(), i => i.TaskId, t => t.Id, (i, t) => new { i, t })
            .ToListAsync(ct);
        var byCode = indicators.Where(x => codes.Contains(x.i.Code)).ToDictionary(x => x.i.Code, x => (x.i, x.t), StringComparer.Ordinal);
        var ids = byCode.Values.Select(x => x.i.Id).ToList();

        // Only what the checks need from the stored values: the approved current figure (change check) and the latest revision's status.
        var stored = await db.ReportedValues.AsNoTracking().Where(v => ids.Contains(v.IndicatorId))
            .Select(v => new { v.Id, v.IndicatorId, v.Period, v.DistrictCode, v.Status, v.Revision, v.IsCurrent, v.Value })
            .ToListAsync(ct);
        var approved = new Dictionary<(long, PeriodKey, string?), double>();
        var existing = new Dictionary<(long, PeriodKey, string?), ExistingValue>();
        foreach (var v in stored)
        {
            var key = (v.IndicatorId, v.Period, v.DistrictCode);
            if (v.Status == ValueStatus.Approved && v.IsCurrent)
                approved[key] = v.Value;
            if (!existing.TryGetValue(key, out var e) || e.Revision < v.Revision)
                existing[key] = new ExistingValue(v.Id, v.Status, v.Revision);
        }

        return new ImportContext
        {
            Indicators = byCode,
            ProgrammeStartYear = programme.StartYear,
            ProgrammeEndYear = programme.EndYear,
            Today = TimeElapsed.ShanghaiDate(clock.GetUtcNow().UtcDateTime),
            Grants = caller.Grants,
            CallerDepartments = departments,
            CallerDistricts = callerDistricts,
            KnownDistricts = (await directory.Districts(ct)).Select(d => d.Code).ToList(),
            Approved = approved,
            Existing = existing,
            Settings = Settings,
        };
    }

    private async Task<Outcome<ImportSummary>> Write(ImportCommand command, string format, IReadOnlyList<ImportCandidate> candidates, Caller caller, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var by = caller.Name;
        var fileName = EvidenceFiles.CleanFileName(command.FileName);
        var import = new ValueImport
        {
            Id = Guid.NewGuid(),
            FileName = fileName,
            Format = format,
            SizeBytes = command.Content.Length,
            Sha256Hex = Convert.ToHexStringLower(SHA256.HashData(command.Content)),
            Submitted = command.Submit,
            ImportedBy = by,
            ImportedAtUtc = now,
        };

        var created = new List<ReportedValue>(candidates.Count);
        var replacing = candidates.Where(c => c.Replaces is not null).ToList();
        foreach (var c in candidates.Where(c => c.Replaces is null))
        {
            var value = ReportedValue.CreateDraft(c.Indicator.Id, c.Period, c.DistrictCode, c.Value, c.Numerator, c.Denominator,
                Source(c, by, fileName), by, now, c.Explanation);
            value.MarkImported(import.Id);
            if (command.Submit)
                value.Submit(by, now);
            created.Add(value);
        }

        import.Created = created.Count;
        import.Replaced = replacing.Count;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.ValueImports.Add(import);
            db.ValueImportContents.Add(new ValueImportContent { ImportId = import.Id, Content = command.Content });
            foreach (var chunk in replacing.Chunk(500))
            {
                var ids = chunk.Select(c => c.Replaces!.Id).ToList();
                var tracked = await db.ReportedValues.Include(v => v.History).Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
                foreach (var c in chunk)
                {
                    if (!tracked.TryGetValue(c.Replaces!.Id, out var value) || value.Status is not (ValueStatus.Draft or ValueStatus.Returned))
                        return Failure.Conflict($"第{c.RowNumber}行：该期间的数值刚被他人修改，未导入任何数值，请重新导入 (row {c.RowNumber} changed meanwhile; nothing imported)");
                    value.Edit(c.Value, c.Numerator, c.Denominator, c.Explanation, by, now);
                    value.MarkImported(import.Id);
                    if (command.Submit)
                        value.Submit(by, now);
                }
            }

            // The import row (audited) first, since the values refer to it; then the new values in batches.
            await db.SaveChangesAsync(ct);
            await BatchInsert.Values(db, bulkCopy, created, ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Someone entered one of these periods between the checks and the write (unique index or version): nothing is kept.
            return Failure.Conflict("导入期间有数值被他人修改或新增，未导入任何数值，请重新导入 (values changed meanwhile; nothing imported)");
        }

        return new ImportSummary(import.Id, fileName, import.Created, import.Replaced, command.Submit, import.Sha256Hex);
    }

    private static SourceReference Source(ImportCandidate c, string by, string fileName)
    {
        var document = $"{c.Task.LeadDepartment ?? "区县"} 填报（{by}）· 导入 {fileName} 第{c.RowNumber}行";
        if (document.Length > ProgrammeLimits.Name)
            document = $"{c.Task.LeadDepartment ?? "区县"} 填报（{by}）· 导入 第{c.RowNumber}行";
        return new SourceReference(document[..Math.Min(document.Length, ProgrammeLimits.Name)], c.SourceNote ?? "");
    }
}
