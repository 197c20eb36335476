using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Domain.Lottery;
using Yiju.Housing.Domain.Procedure;
using Yiju.Housing.Domain.Stock;
using Yiju.Housing.Features.Applications;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Lotteries;

public sealed record PrepareLotteryCommand(Guid ProjectId, string? Title, string? PublicRandomSource, string? SecretCommitmentHex);

public sealed record DrawLotteryCommand(string? SecretHex, string? PublicRandomValue);

public sealed record LotteryView(Guid Id, string Number, string Title, [property: JsonConverter(typeof(JsonStringEnumConverter<SchemeKind>))] SchemeKind Scheme, [property: JsonConverter(typeof(JsonStringEnumConverter<LotteryState>))] LotteryState State, string PublicRandomSource,
    string CommitmentFileSha256, string EntrantsSha256, string RulesSha256, string SecretCommitmentSha256, int EntrantCount, int FlatCount,
    int? AllocatedCount, DateTime PreparedUtc, DateTime? DrawnUtc, string? PublicRandomValue, DateOnly? ResultNoticeEndsOn,
    IReadOnlyList<LotteryTier> Tiers);

/// <summary>One line of the results notice: masked as a notice may show, in rank order.</summary>
public sealed record ResultRowView(int Rank, string ApplicationNumber, string ApplicantName, string ApplicantIdMasked, int Tier, int HouseholdSize, string? FlatCode);

/// <summary>
/// The verifiable lottery (摇号配租) over the vacant flats of one project and the eligible households of its scheme and
/// district. Prepare freezes the entrants and publishes the hashes and the operator's commitment; Draw takes the named
/// public random value and the revealed secret; the six files are stored byte for byte and served as a .zip that
/// `yiju housing lottery verify` and the public verification page check.
/// </summary>
public sealed class LotteryHandlers(IHousingDb db, HousingAccess access, ApplicationProcedure procedure, TimeProvider clock)
{
    public async Task<Outcome<LotteryView>> Prepare(PrepareLotteryCommand command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await access.Bureau(caller, ct) is not { } bureau)
            return Failure.Forbidden("只有市住建局可以组织摇号 (housing bureau only)");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Title) || command.Title.Length > 200)
            errors["title"] = ["请填写摇号名称 (title required)"];
        if (string.IsNullOrWhiteSpace(command.PublicRandomSource) || command.PublicRandomSource.Length > 500)
            errors["publicRandomSource"] = ["必须事先指定一个未来公开的随机数来源，如某期福利彩票开奖号码 (name a future public random value)"];
        byte[]? commitment = null;
        try
        {
            commitment = Convert.FromHexString(command.SecretCommitmentHex?.Trim() ?? "");
        }
        catch (FormatException)
        {
        }
        if (commitment is not { Length: 32 })
            errors["secretCommitmentHex"] = ["密钥承诺值应为64位十六进制SHA-256值，用 yiju housing lottery secret 生成 (64 hex characters from yiju housing lottery secret)"];
        if (errors.Count > 0)
            return Failure.Invalid("摇号信息有误 (invalid lottery)", errors);

        var project = await db.HousingProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.ProjectId, ct);
        if (project is null)
            return Failure.NotFound("项目不存在 (no such project)");
        var flats = await db.HousingFlats.Where(f => f.ProjectId == project.Id && f.Status == FlatStatus.Vacant).ToListAsync(ct);
        if (flats.Count == 0)
            return Failure.Invalid("no_flats", "该项目没有空置房源，不能摇号 (the project has no vacant flats: nothing to draw)");
        var apps = await db.HousingApplications.Include(a => a.Members).Include(a => a.Events).Include(a => a.Objections).AsSplitQuery()
            .Where(a => a.Status == ApplicationStatus.Eligible && a.Scheme == project.Scheme && a.DistrictCode == project.DistrictCode)
            .ToListAsync(ct);
        if (apps.Count == 0)
            return Failure.Invalid("no_entrants", "该项目所在区没有公示通过、等待摇号的家庭，不能摇号 (no eligible households in this scheme and district)");

        var now = clock.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(now);
        var record = new LotteryRecord
        {
            Id = Guid.NewGuid(),
            Number = string.Create(CultureInfo.InvariantCulture, $"LOT{today:yyyyMMdd}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}"),
            Title = command.Title!.Trim(),
            Scheme = project.Scheme,
            ProjectId = project.Id,
            State = LotteryState.Prepared,
            PreparedUtc = now,
        };
        foreach (var app in apps)
        {
            var r = procedure.Apply(app, new ProcedureCommand(ProcedureAction.EnterLottery, LotteryId: record.Id), bureau, now);
            if (!r.Succeeded)
                return HousingAccess.ToFailure(r.Refusal!);
            app.LotteryId = record.Id;
        }
        var rules = new LotteryRules
        {
            LotteryId = record.Number,
            Title = record.Title,
            Tiers = LotteryInputs.Tiers(PriorityPolicy.Default),
            Matching = FlatMatchingRules.Default,
        };
        LotteryPublication publication;
        try
        {
            publication = LotteryPublication.Prepare(rules, LotteryInputs.Entrants(apps, project.Scheme, PriorityPolicy.Default, today),
                LotteryInputs.Flats(flats, f => f.Code), command.PublicRandomSource!, commitment!, now);
        }
        catch (LotteryException e)
        {
            return Failure.Invalid(e.Code, e.Message);
        }
        record.PublicRandomSource = publication.PublicRandomSource;
        record.CommitmentFileSha256 = publication.CommitmentFileSha256Hex;
        record.EntrantCount = publication.Entrants.Count;
        record.FlatCount = publication.Flats.Count;
        record.EntrantsCsv = publication.EntrantsCsv;
        record.FlatsCsv = publication.FlatsCsv;
        record.RulesJson = publication.RulesJson;
        record.CommitmentJson = publication.CommitmentJson;
        db.HousingLotteries.Add(record);
        await db.SaveChangesAsync(ct);
        return View(record, publication);
    }

    public async Task<Outcome<LotteryView>> Draw(Guid lotteryId, DrawLotteryCommand command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await access.Bureau(caller, ct) is not { } bureau)
            return Failure.Forbidden("只有市住建局可以组织摇号 (housing bureau only)");
        var record = await db.HousingLotteries.FirstOrDefaultAsync(l => l.Id == lotteryId, ct);
        if (record is null)
            return Failure.NotFound("摇号不存在 (no such lottery)");
        if (record.State != LotteryState.Prepared)
            return Failure.Conflict("该摇号已经开奖 (already drawn)");
        byte[] secret;
        try
        {
            secret = Convert.FromHexString(command.SecretHex?.Trim() ?? "");
        }
        catch (FormatException)
        {
            return Failure.Invalid("secretHex", "操作员密钥应为十六进制 (the secret is hex)");
        }
        var publication = LotteryPublication.Load(record.EntrantsCsv, record.FlatsCsv, record.RulesJson, record.CommitmentJson);
        var now = clock.GetUtcNow().UtcDateTime;
        LotteryOutcome outcome;
        try
        {
            outcome = publication.Draw(secret, command.PublicRandomValue?.Trim() ?? "", now);
        }
        catch (LotteryException e)
        {
            return Failure.Invalid(e.Code, e.Message);
        }
        var apps = await db.HousingApplications.Include(a => a.Members).Include(a => a.Events).Include(a => a.Objections).AsSplitQuery()
            .Where(a => a.LotteryId == record.Id && a.Status == ApplicationStatus.InLottery).ToListAsync(ct);
        var byNumber = apps.ToDictionary(a => a.Number, StringComparer.Ordinal);
        var projectFlats = await db.HousingFlats.Where(f => f.Status == FlatStatus.Vacant && f.ProjectId == record.ProjectId).ToListAsync(ct);
        var flatIds = publication.Flats.Select(f => f.FlatId).ToHashSet(StringComparer.Ordinal);
        var flats = projectFlats.Where(f => flatIds.Contains(f.Code)).ToDictionary(f => f.Code, StringComparer.Ordinal);
        if (flats.Count != flatIds.Count || byNumber.Count != publication.Entrants.Count)
            return Failure.Conflict("摇号准备后房源或入围家庭已发生变化，不能开奖 (flats or entrants changed since the lottery was prepared)");
        foreach (var (number, cmd) in LotteryInputs.Commands(outcome, record.Id, flats.ToDictionary(kv => kv.Key, kv => kv.Value.Id, StringComparer.Ordinal)))
        {
            var app = byNumber[number];
            var r = procedure.Apply(app, cmd, bureau, now);
            if (!r.Succeeded)
                return HousingAccess.ToFailure(r.Refusal!);
            if (cmd.FlatId is { } flatId)
            {
                var flat = flats.Values.First(f => f.Id == flatId);
                if (flat.Allocate(app.Id) is { } refused)
                    return Failure.Conflict(refused.Text);
            }
            record.ResultNoticeEndsOn ??= app.ResultNoticeEndsOn;
        }
        record.State = LotteryState.Drawn;
        record.DrawnUtc = now;
        record.PublicRandomValue = command.PublicRandomValue!.Trim();
        record.DrawJson = outcome.DrawJson;
        record.ResultCsv = outcome.ResultCsv;
        record.AllocatedCount = outcome.AllocatedCount;
        record.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Failure.Conflict("该摇号已被他人开奖 (drawn by someone else)");
        }
        return View(record, publication);
    }

    public async Task<List<LotteryView>> List(CancellationToken ct)
    {
        var records = await db.HousingLotteries.AsNoTracking().OrderByDescending(l => l.PreparedUtc).ToListAsync(ct);
        return records.Select(r => View(r, null)).ToList();
    }

    public async Task<LotteryView?> Get(Guid id, CancellationToken ct) =>
        await db.HousingLotteries.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) is { } r ? View(r, null) : null;

    /// <summary>结果公示: every entrant with rank, tier and flat (or none), masked; the published result.csv is the authority.</summary>
    public async Task<List<ResultRowView>> Results(Guid id, CancellationToken ct)
    {
        var apps = await db.HousingApplications.AsNoTracking().Include(a => a.Members).Where(a => a.LotteryId == id && a.LotteryRank != null).ToListAsync(ct);
        var flatIds = apps.Where(a => a.AllocatedFlatId is not null).Select(a => a.AllocatedFlatId!.Value).ToList();
        var codes = await db.HousingFlats.AsNoTracking().Where(f => flatIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Code, ct);
        return apps.OrderBy(a => a.LotteryRank).Select(a =>
        {
            var row = PublicNotices.Row(a, a.AllocatedFlatId is { } f && codes.TryGetValue(f, out var c) ? c : null);
            return new ResultRowView(a.LotteryRank!.Value, row.ApplicationNumber, row.ApplicantName, row.ApplicantIdNumber, a.PriorityTier ?? 0, row.HouseholdSize, row.FlatCode);
        }).ToList();
    }

    /// <summary>The published files by name: the four pre-draw files, and draw.json and result.csv once drawn.</summary>
    public async Task<(string Number, IReadOnlyDictionary<string, byte[]> Files)?> Files(Guid id, CancellationToken ct)
    {
        var r = await db.HousingLotteries.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (r is null)
            return null;
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [LotteryFiles.Entrants] = r.EntrantsCsv,
            [LotteryFiles.Flats] = r.FlatsCsv,
            [LotteryFiles.Rules] = r.RulesJson,
            [LotteryFiles.Commitment] = r.CommitmentJson,
        };
        if (r.DrawJson is not null && r.ResultCsv is not null)
        {
            files[LotteryFiles.Draw] = r.DrawJson;
            files[LotteryFiles.Result] = r.ResultCsv;
        }
        return (r.Number, files);
    }

    public static byte[] Zip(string folder, IReadOnlyDictionary<string, byte[]> files)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                var entry = zip.CreateEntry($"{folder}/{name}", CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(bytes);
            }
        }
        return ms.ToArray();
    }

    public const long MaxUploadBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Files uploaded for verification, by their base name: loose files, or a .zip of the folder (entries in any
    /// sub-folder). Unknown names are ignored; a name given twice is refused rather than guessed.
    /// </summary>
    public static Outcome<Dictionary<string, byte[]>> ReadUpload(IEnumerable<(string FileName, byte[] Content)> uploads)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        void Put(string name, byte[] content)
        {
            var baseName = Path.GetFileName(name.Replace('\\', '/'));
            if (!LotteryFiles.All.Contains(baseName, StringComparer.Ordinal))
                return;
            if (!files.TryAdd(baseName, content))
                throw new InvalidDataException($"文件 {baseName} 出现了两次 ({baseName} given twice)");
        }
        try
        {
            foreach (var (name, content) in uploads)
            {
                if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                {
                    using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
                    foreach (var entry in zip.Entries.Where(e => e.Length > 0))
                    {
                        total += entry.Length;
                        if (total > MaxUploadBytes)
                            return Failure.Invalid("files", "解压后文件超过64MB (files larger than 64 MB)");
                        using var s = entry.Open();
                        using var buffer = new MemoryStream();
                        s.CopyTo(buffer);
                        Put(entry.FullName, buffer.ToArray());
                    }
                }
                else
                {
                    Put(name, content);
                }
            }
        }
        catch (InvalidDataException e)
        {
            return Failure.Invalid("files", "无法读取上传的文件：" + e.Message);
        }
        if (files.Count == 0)
            return Failure.Invalid("files", "请上传公布的摇号文件（entrants.csv、flats.csv、rules.json、commitment.json、draw.json、result.csv）或其.zip压缩包");
        return files;
    }

    private static LotteryView View(LotteryRecord r, LotteryPublication? p)
    {
        p ??= LotteryPublication.Load(r.EntrantsCsv, r.FlatsCsv, r.RulesJson, r.CommitmentJson);
        return new LotteryView(r.Id, r.Number, r.Title, r.Scheme, r.State, r.PublicRandomSource, r.CommitmentFileSha256,
            Convert.ToHexStringLower(p.EntrantsSha256), Convert.ToHexStringLower(p.RulesSha256), Convert.ToHexStringLower(p.SecretCommitment),
            r.EntrantCount, r.FlatCount, r.AllocatedCount, r.PreparedUtc, r.DrawnUtc, r.PublicRandomValue, r.ResultNoticeEndsOn, p.Rules.Tiers);
    }
}
