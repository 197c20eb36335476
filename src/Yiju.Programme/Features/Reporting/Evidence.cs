using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Programme.Data;
using Yiju.Programme.Domain;

namespace Yiju.Programme.Features.Reporting;

public sealed record EvidenceView(Guid Id, Guid ValueId, string FileName, string ContentType, long SizeBytes, string Sha256Hex, string UploadedBy, DateTime UploadedAtUtc);

public sealed record EvidenceFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// 佐证材料 attached to a reported value, stored like housing documents: metadata with its SHA-256 in prog_evidence
/// (audited), bytes in prog_evidence_content. Whoever may enter the value attaches files while it is a draft or
/// returned (once submitted, the reviewer judges what is there). Evidence is a working paper: it is listed and
/// downloaded by those who see the value in progress — the lead department, the value's district staff, coordinators —
/// and not by the public, because ledger extracts and site photos may carry personal data the published figure does not.
/// </summary>
public sealed class Evidence(IProgrammeDb db, IProgrammeDirectory directory, TimeProvider clock)
{
    public async Task<Outcome<EvidenceView>> Upload(Guid valueId, string? fileName, byte[] content, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var found = await Find(valueId, ct);
        if (found is null)
            return Failure.NotFound("数值不存在 (unknown value)");
        var (value, indicator, task) = found.Value;
        var departments = await directory.DepartmentNames(caller, ct);
        var districts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        if (!ReportingRules.CanReport(task, indicator, value.DistrictCode, caller.Grants, departments, districts))
            return Failure.Forbidden("只有填报该数值的单位可以上传佐证材料 (only those who report this value may attach evidence)");
        if (value.Status is not (ValueStatus.Draft or ValueStatus.Returned))
            return Failure.Conflict("数值已报送或已审核，不能再添加佐证材料 (evidence is attached before submission)");
        if (await db.ValueEvidence.CountAsync(e => e.ValueId == valueId, ct) >= ValueEvidence.MaxPerValue)
            return Failure.Invalid("file", $"每个数值最多{ValueEvidence.MaxPerValue}份佐证材料 (at most {ValueEvidence.MaxPerValue} files per value)");
        var (contentType, problem) = EvidenceFiles.Check(fileName, content);
        if (problem is not null)
            return Failure.Invalid("file", problem);
        var evidence = new ValueEvidence
        {
            Id = Guid.NewGuid(),
            ValueId = valueId,
            FileName = EvidenceFiles.CleanFileName(fileName),
            ContentType = contentType!,
            SizeBytes = content.Length,
            Sha256Hex = Convert.ToHexStringLower(SHA256.HashData(content)),
            UploadedBy = caller.Name,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.ValueEvidence.Add(evidence);
        db.EvidenceContents.Add(new EvidenceContent { EvidenceId = evidence.Id, Content = content });
        await db.SaveChangesAsync(ct);
        return View(evidence);
    }

    public async Task<Outcome<IReadOnlyList<EvidenceView>>> List(Guid valueId, Caller caller, CancellationToken ct)
    {
        if (await Visible(valueId, caller, ct) is { } refused)
            return refused;
        var list = await db.ValueEvidence.AsNoTracking().Where(e => e.ValueId == valueId).ToListAsync(ct);
        return list.OrderBy(e => e.UploadedAtUtc).ThenBy(e => e.FileName, StringComparer.Ordinal).Select(View).ToList();
    }

    /// <summary>Evidence of several values at once, for the indicator page; only values the caller may see in progress are asked for.</summary>
    public async Task<ILookup<Guid, EvidenceView>> ForValues(IReadOnlyCollection<Guid> valueIds, CancellationToken ct)
    {
        var list = await db.ValueEvidence.AsNoTracking().Where(e => valueIds.Contains(e.ValueId)).ToListAsync(ct);
        return list.OrderBy(e => e.UploadedAtUtc).Select(View).ToLookup(e => e.ValueId);
    }

    public async Task<Outcome<EvidenceFile>> Download(Guid valueId, Guid evidenceId, Caller caller, CancellationToken ct)
    {
        if (await Visible(valueId, caller, ct) is { } refused)
            return refused;
        var evidence = await db.ValueEvidence.AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.ValueId == valueId, ct);
        var content = evidence is null ? null : await db.EvidenceContents.AsNoTracking().FirstOrDefaultAsync(c => c.EvidenceId == evidenceId, ct);
        if (evidence is null || content is null)
            return Failure.NotFound("佐证材料不存在 (no such file)");
        return new EvidenceFile(evidence.FileName, evidence.ContentType, content.Content);
    }

    /// <summary>Whether the caller sees this value's work in progress (and so its evidence): lead department, coordinators, the value's district.</summary>
    public async Task<bool> CanSee(ReportedValue value, Indicator indicator, ProgrammeTask task, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (ReportingRules.CanReview(caller.Grants))
            return true;
        var departments = await directory.DepartmentNames(caller, ct);
        var districts = caller.Has(Role.DistrictStaff) ? await directory.DistrictCodes(caller, ct) : [];
        return ReportingRules.CanReport(task, indicator, value.DistrictCode, caller.Grants, departments, districts);
    }

    private async Task<Failure?> Visible(Guid valueId, Caller caller, CancellationToken ct)
    {
        if (caller.Grants.Count == 0)
            return Failure.Forbidden("请先登录 (sign in first)");
        var found = await Find(valueId, ct);
        if (found is null)
            return Failure.NotFound("数值不存在 (unknown value)");
        var (value, indicator, task) = found.Value;
        return await CanSee(value, indicator, task, caller, ct) ? null : Failure.Forbidden("无权查看该数值的佐证材料 (not allowed to see this value's evidence)");
    }

    private async Task<(ReportedValue Value, Indicator Indicator, ProgrammeTask Task)?> Find(Guid valueId, CancellationToken ct)
    {
        var value = await db.ReportedValues.AsNoTracking().FirstOrDefaultAsync(v => v.Id == valueId, ct);
        if (value is null)
            return null;
        var indicator = await db.Indicators.AsNoTracking().FirstAsync(i => i.Id == value.IndicatorId, ct);
        var task = await db.ProgrammeTasks.AsNoTracking().FirstAsync(t => t.Id == indicator.TaskId, ct);
        return (value, indicator, task);
    }

    private static EvidenceView View(ValueEvidence e) => new(e.Id, e.ValueId, e.FileName, e.ContentType, e.SizeBytes, e.Sha256Hex, e.UploadedBy, e.UploadedAtUtc);
}
