using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Yiju.Hotline.Data;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Access;
using Yiju.Hotline.Features.Taxonomy;
using Yiju.Kernel;
using Yiju.Kernel.Calendar;
using Yiju.Kernel.Security;

namespace Yiju.Hotline.Features.Settings;

public sealed record SaveCategory(string? Code, string? ParentCode, int? Version, string? NameZh, string? NameEn, string? DefaultUnit, UnitKind RouteLevel,
    IReadOnlyList<string>? Keywords, bool IsActive = true);

public sealed record DeadlineRuleItem(long Id, int Version, [property: JsonConverter(typeof(JsonStringEnumConverter))] TicketType? Type, string? CategoryCode, [property: JsonConverter(typeof(JsonStringEnumConverter))] Urgency? Urgency, int SignForAmount,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] DeadlineUnit SignForUnit, int HandlingAmount, [property: JsonConverter(typeof(JsonStringEnumConverter))] DeadlineUnit HandlingUnit, int RemindBeforeSignForMinutes, int RemindBeforeHandlingMinutes,
    [property: JsonConverter(typeof(JsonStringEnumConverter))] DeadlineStart StartsAt, bool IsCatchAll);

public sealed record SaveDeadlineRule(long? Id, int? Version, TicketType? Type, string? CategoryCode, Urgency? Urgency, int SignForAmount, DeadlineUnit SignForUnit,
    int HandlingAmount, DeadlineUnit HandlingUnit, int RemindBeforeSignForMinutes, int RemindBeforeHandlingMinutes);

public sealed record WeightsItem(int Version, DateOnly EffectiveFrom, double Response, double Resolution, double Satisfaction, double OnTimeClosing,
    double BasicallySatisfiedCredit, string? Note, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record PublishWeights(int? BasedOnVersion, DateOnly? EffectiveFrom, double Response, double Resolution, double Satisfaction, double OnTimeClosing,
    double BasicallySatisfiedCredit, string? Note);

public sealed record StatusLabelItem([property: JsonConverter(typeof(JsonStringEnumConverter))] TicketStatus Status, string LabelZh, string LabelEn, string Lifecycle, string Open311Status, int Version);

public sealed record SaveStatusLabel(TicketStatus Status, int? Version, string? LabelZh, string? LabelEn);

/// <summary>
/// The centre's settings edited in the UI and API: the category taxonomy, deadline rules and status wording (12345 centre
/// and administrators), and new versions of the composite-score weights (administrators only). Every change goes
/// through YijuDb's audit chain; a stale version is a 409, bad input a 400, and nothing is half-saved.
/// </summary>
public sealed partial class HotlineSettings(IHotlineDb db, IHotlineDirectory directory, RoutingModel routing, TimeProvider clock, SettingsCache cache)
{
    public const int MaxKeywords = 100;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,38}$")]
    private static partial Regex CodePart();

    // ---------- categories ----------

    public async Task<Outcome<CategoryItem>> SaveCategory(SaveCategory command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await CentreActor(caller, ct) is null)
            return Failure.Forbidden("只有12345中心和管理员可以修改分类 (only the hotline centre and administrators edit categories)");
        var nameZh = command.NameZh?.Trim();
        var nameEn = command.NameEn?.Trim();
        var unit = command.DefaultUnit?.Trim();
        var errors = new List<string>();
        if (string.IsNullOrEmpty(nameZh) || nameZh.Length > 100)
            errors.Add("中文名称须填写，不超过100字 (Chinese name required, at most 100 characters).");
        if (string.IsNullOrEmpty(nameEn) || nameEn.Length > 100)
            errors.Add("英文名称须填写，不超过100字符 (English name required, at most 100 characters).");
        if (string.IsNullOrEmpty(unit) || unit.Length > 100)
            errors.Add("须填写默认承办单位 (default receiving unit required).");
        if (command.RouteLevel is not (UnitKind.Department or UnitKind.District or UnitKind.Street))
            errors.Add("派单层级应为部门、区或街道 (route level must be Department, District or Street).");
        var keywords = (command.Keywords ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (keywords.Count > MaxKeywords || keywords.Any(k => k.Length > 40))
            errors.Add($"关键词最多 {MaxKeywords} 个，每个不超过40字 (at most {MaxKeywords} keywords of up to 40 characters).");
        if (errors.Count > 0)
            return Failure.Invalid(string.Join(" ", errors));

        var existing = command.Version is null ? null : await db.Categories.FirstOrDefaultAsync(c => c.Code == command.Code, ct);
        if (command.Version is { } seen)
        {
            if (existing is null)
                return Failure.NotFound($"分类 {command.Code} 不存在 (unknown category)");
            if (seen != existing.Version)
                return Failure.Conflict($"分类已被他人修改（版本 {existing.Version}），请刷新后重试 (the category changed; reload)");
            existing.NameZh = nameZh!;
            existing.NameEn = nameEn!;
            existing.DefaultUnit = unit!;
            existing.RouteLevel = command.RouteLevel;
            if (command.Keywords is not null)
                existing.Keywords = keywords;
            existing.IsActive = command.IsActive;
            return await SaveCategoryChanges(existing, ct);
        }

        // A new category: the code is made of lowercase parts; a second-level code is "<parent>.<part>".
        var parent = string.IsNullOrWhiteSpace(command.ParentCode) ? null : command.ParentCode.Trim();
        var code = command.Code?.Trim() ?? string.Empty;
        if (parent is not null && !code.StartsWith(parent + ".", StringComparison.Ordinal))
            code = parent + "." + code;
        var parts = code.Split('.');
        if (parts.Length != (parent is null ? 1 : 2) || !parts.All(p => CodePart().IsMatch(p)))
            return Failure.Invalid("code", "代码由小写字母、数字和连字符组成，二级分类为「上级代码.代码」 (code: lowercase letters, digits and hyphens; second level is parent.code)");
        var taxonomy = new CategoryTaxonomy(await db.Categories.AsNoTracking().ToListAsync(ct));
        if (taxonomy.Find(code) is not null)
            return Failure.Conflict($"分类代码 {code} 已存在 (the code already exists)");
        var category = new Category
        {
            Code = code,
            ParentCode = parent,
            NameZh = nameZh!,
            NameEn = nameEn!,
            DefaultUnit = unit!,
            RouteLevel = command.RouteLevel,
            Keywords = keywords,
            IsActive = command.IsActive,
            Version = 1,
        };
        try
        {
            taxonomy.Add(category);
        }
        catch (ArgumentException e)
        {
            return Failure.Invalid("parentCode", $"上级分类须为已有的一级分类 ({e.Message})");
        }
        db.Categories.Add(category);
        return await SaveCategoryChanges(category, ct);
    }

    /// <summary>Deletes a category nobody used: no ticket, knowledge-base entry, deadline rule or child refers to it. Otherwise deactivate it (409 says so).</summary>
    public async Task<Outcome<bool>> DeleteCategory(string code, int? version, Caller caller, CancellationToken ct)
    {
        if (await CentreActor(caller, ct) is null)
            return Failure.Forbidden("只有12345中心和管理员可以修改分类 (only the hotline centre and administrators edit categories)");
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Code == code, ct);
        if (category is null)
            return Failure.NotFound($"分类 {code} 不存在 (unknown category)");
        if (version is not { } seen || seen != category.Version)
            return Failure.Conflict("分类已被他人修改，请刷新后重试 (the category changed; reload)");
        var inUse = await db.Tickets.AnyAsync(t => t.CategoryCode == code, ct)
            || await db.Categories.AnyAsync(c => c.ParentCode == code, ct)
            || await db.KnowledgeEntries.AnyAsync(e => e.CategoryCode == code, ct)
            || await db.DeadlineRules.AnyAsync(r => r.CategoryCode == code, ct);
        if (inUse)
            return Failure.Conflict("分类已被工单、知识库、期限规则或下级分类使用，不能删除，请改为停用 (the category is in use; deactivate it instead)");
        db.Categories.Remove(category);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict();
        }
        routing.Invalidate();
        cache.Invalidate();
        return true;
    }

    private async Task<Outcome<CategoryItem>> SaveCategoryChanges(Category category, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("分类已被他人修改，请刷新后重试 (someone else changed the category first; reload)");
        }
        routing.Invalidate();
        cache.Invalidate();
        return new CategoryItem(category.Code, category.ParentCode, category.NameZh, category.NameEn, category.DefaultUnit, category.RouteLevel, category.IsActive)
        {
            Version = category.Version,
            Keywords = category.Keywords,
        };
    }

    // ---------- deadlines ----------

    public async Task<Outcome<List<DeadlineRuleItem>>> DeadlineRules(Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var rows = await db.DeadlineRules.AsNoTracking().ToListAsync(ct);
        return rows.OrderBy(r => r.ToRule().Specificity).ThenBy(r => r.Id).Select(ToItem).ToList();
    }

    public async Task<Outcome<DeadlineRuleItem>> SaveDeadlineRule(SaveDeadlineRule command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await CentreActor(caller, ct) is null)
            return Failure.Forbidden("只有12345中心和管理员可以修改期限规则 (only the hotline centre and administrators edit deadlines)");
        var errors = new List<string>();
        CheckSpan("签收期限 (sign-for)", command.SignForAmount, command.SignForUnit, errors);
        CheckSpan("办理期限 (handling)", command.HandlingAmount, command.HandlingUnit, errors);
        if (command.RemindBeforeSignForMinutes is < 0 or > 60 * 24 * 30 || command.RemindBeforeHandlingMinutes is < 0 or > 60 * 24 * 30)
            errors.Add("提醒提前量须在0到30天之间 (reminder lead times must be 0 to 30 days).");
        if (command.Type is { } type && !Enum.IsDefined(type))
            errors.Add("类型无效 (unknown type).");
        if (command.Urgency is { } urgency && !Enum.IsDefined(urgency))
            errors.Add("紧急程度无效 (unknown urgency).");
        var category = string.IsNullOrWhiteSpace(command.CategoryCode) ? null : command.CategoryCode.Trim();
        if (category is not null && !await db.Categories.AnyAsync(c => c.Code == category, ct))
            errors.Add($"分类 {category} 不存在 (unknown category).");
        if (errors.Count > 0)
            return Failure.Invalid(string.Join(" ", errors));

        var rows = await db.DeadlineRules.ToListAsync(ct);
        DeadlineRuleRow row;
        if (command.Id is { } id)
        {
            row = rows.FirstOrDefault(r => r.Id == id)!;
            if (row is null)
                return Failure.NotFound("期限规则不存在 (unknown rule)");
            if (command.Version is not { } seen || seen != row.Version)
                return Failure.Conflict("期限规则已被他人修改，请刷新后重试 (the rule changed; reload)");
        }
        else
        {
            row = new DeadlineRuleRow { StartsAt = command.Type == TicketType.Petition ? DeadlineStart.Acceptance : DeadlineStart.Dispatch };
            db.DeadlineRules.Add(row);
            rows.Add(row);
        }
        row.Type = command.Type;
        row.CategoryCode = category;
        row.Urgency = command.Urgency;
        row.SignForAmount = command.SignForAmount;
        row.SignForUnit = command.SignForUnit;
        row.HandlingAmount = command.HandlingAmount;
        row.HandlingUnit = command.HandlingUnit;
        row.RemindBeforeSignForMinutes = command.RemindBeforeSignForMinutes;
        row.RemindBeforeHandlingMinutes = command.RemindBeforeHandlingMinutes;
        if (PolicyError(rows) is { } policyError)
            return Failure.Invalid(policyError);
        try
        {
            await db.SaveChangesAsync(ct);
            cache.Invalidate();
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("期限规则已被他人修改，请刷新后重试 (someone else changed the rules first; reload)");
        }
        return ToItem(row);
    }

    public async Task<Outcome<bool>> DeleteDeadlineRule(long id, int? version, Caller caller, CancellationToken ct)
    {
        if (await CentreActor(caller, ct) is null)
            return Failure.Forbidden("只有12345中心和管理员可以修改期限规则 (only the hotline centre and administrators edit deadlines)");
        var rows = await db.DeadlineRules.ToListAsync(ct);
        var row = rows.FirstOrDefault(r => r.Id == id);
        if (row is null)
            return Failure.NotFound("期限规则不存在 (unknown rule)");
        if (version is not { } seen || seen != row.Version)
            return Failure.Conflict("期限规则已被他人修改，请刷新后重试 (the rule changed; reload)");
        rows.Remove(row);
        if (PolicyError(rows) is { } error)
            return Failure.Invalid(error);
        db.DeadlineRules.Remove(row);
        try
        {
            await db.SaveChangesAsync(ct);
            cache.Invalidate();
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict();
        }
        return true;
    }

    private static string? PolicyError(IEnumerable<DeadlineRuleRow> rows)
    {
        try
        {
            _ = new DeadlinePolicy(rows.Select(r => r.ToRule()));
            return null;
        }
        catch (ArgumentException e)
        {
            return $"期限规则无效：须保留一条不限类型、分类和紧急程度的通用规则，且不能有两条条件相同的规则 ({e.Message.Split(" (Parameter", 2)[0]})";
        }
    }

    private static void CheckSpan(string name, int amount, DeadlineUnit unit, List<string> errors)
    {
        var max = unit switch
        {
            DeadlineUnit.Hours => 24 * 90,
            DeadlineUnit.WorkingDays => 250,
            DeadlineUnit.CalendarDays => 365,
            _ => -1,
        };
        if (max < 0)
            errors.Add($"{name}: 单位无效 (unknown unit).");
        else if (amount < 1 || amount > max)
            errors.Add($"{name}: 须在1到{max}之间 (must be 1 to {max}).");
    }

    private static DeadlineRuleItem ToItem(DeadlineRuleRow r) => new(r.Id, r.Version, r.Type, r.CategoryCode, r.Urgency, r.SignForAmount, r.SignForUnit,
        r.HandlingAmount, r.HandlingUnit, r.RemindBeforeSignForMinutes, r.RemindBeforeHandlingMinutes, r.StartsAt,
        r.Type is null && r.CategoryCode is null && r.Urgency is null);

    // ---------- KPI weights ----------

    public async Task<Outcome<List<WeightsItem>>> WeightVersions(Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var rows = await db.KpiWeightVersions.AsNoTracking().OrderByDescending(w => w.Version).ToListAsync(ct);
        return rows.Select(ToItem).ToList();
    }

    /// <summary>
    /// Publishes a new weights version. Versions are never edited: a month is scored with the version in force on its
    /// first day, so a new version must start on the first day of the current month or later and past rankings keep
    /// theirs. <see cref="PublishWeights.BasedOnVersion"/> must be the latest version (409 otherwise).
    /// </summary>
    public async Task<Outcome<WeightsItem>> Publish(PublishWeights command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var actor = await directory.ActorFor(caller, ct);
        if (actor is not { Role: HotlineRole.CityAdmin })
            return Failure.Forbidden("只有管理员可以发布考核权重 (only administrators publish KPI weights)");
        var latest = await db.KpiWeightVersions.AsNoTracking().OrderByDescending(w => w.Version).Select(w => (int?)w.Version).FirstOrDefaultAsync(ct) ?? 0;
        if (command.BasedOnVersion is not { } basedOn || basedOn != latest)
            return Failure.Conflict($"已有更新的权重版本 {latest}，请刷新后重试 (a newer weights version {latest} exists; reload)");
        var today = ChinaTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var firstOfMonth = new DateOnly(today.Year, today.Month, 1);
        var effective = command.EffectiveFrom ?? firstOfMonth;
        var errors = new List<string>();
        if (effective.Day != 1)
            errors.Add("生效日期须为某月1日 (weights take effect on the first day of a month).");
        if (effective < firstOfMonth)
            errors.Add("不能改动已发布月份的权重，生效日期不得早于本月1日 (a new version cannot reach back before the current month).");
        if (command.Note is { Length: > 500 })
            errors.Add("说明不超过500字 (note at most 500 characters).");
        var weights = new KpiWeights(latest + 1, effective, command.Response, command.Resolution, command.Satisfaction, command.OnTimeClosing, command.BasicallySatisfiedCredit);
        errors.AddRange(weights.Validate());
        if (errors.Count > 0)
            return Failure.Invalid(string.Join(" ", errors));
        var row = new KpiWeightsRow
        {
            Version = weights.Version,
            EffectiveFrom = effective,
            Response = weights.Response,
            Resolution = weights.Resolution,
            Satisfaction = weights.Satisfaction,
            OnTimeClosing = weights.OnTimeClosing,
            BasicallySatisfiedCredit = weights.BasicallySatisfiedCredit,
            Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.Name.Length <= 100 ? actor.Name : actor.Name[..100],
        };
        db.KpiWeightVersions.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two administrators publishing at once: the version number is the key, so one of them wins.
            return Failure.Conflict("他人刚发布了新的权重版本，请刷新后重试 (someone else published a version first; reload)");
        }
        return ToItem(row);
    }

    private static WeightsItem ToItem(KpiWeightsRow w) => new(w.Version, w.EffectiveFrom, w.Response, w.Resolution, w.Satisfaction, w.OnTimeClosing,
        w.BasicallySatisfiedCredit, w.Note, ChinaTime.ToShanghaiOffset(w.CreatedAtUtc), w.CreatedBy);

    // ---------- status labels ----------

    public async Task<Outcome<List<StatusLabelItem>>> StatusLabelList(Caller caller, CancellationToken ct)
    {
        if (await directory.ActorFor(caller, ct) is null)
            return Failure.Forbidden("无热线角色 (no hotline role)");
        var rows = await db.StatusLabelRows.AsNoTracking().ToDictionaryAsync(r => r.Status, ct);
        return Enum.GetValues<TicketStatus>().Select(s => rows.TryGetValue(s, out var row)
                ? new StatusLabelItem(s, row.LabelZh, row.LabelEn, StatusLabels.CategoryOf(s).ToString(), StatusLabels.Open311Status(s), row.Version)
                : new StatusLabelItem(s, StatusLabels.Default.LabelZh(s), StatusLabels.Default.LabelEn(s), StatusLabels.CategoryOf(s).ToString(), StatusLabels.Open311Status(s), 0))
            .ToList();
    }

    /// <summary>Rewords one status. <see cref="SaveStatusLabel.Version"/> is 0 for a status still using the default wording.</summary>
    public async Task<Outcome<StatusLabelItem>> SaveLabel(SaveStatusLabel command, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await CentreActor(caller, ct) is null)
            return Failure.Forbidden("只有12345中心和管理员可以修改状态名称 (only the hotline centre and administrators edit status labels)");
        if (!Enum.IsDefined(command.Status))
            return Failure.Invalid("status", "状态无效 (unknown status)");
        var zh = command.LabelZh?.Trim();
        var en = command.LabelEn?.Trim();
        if (string.IsNullOrEmpty(zh) || zh.Length > 40 || string.IsNullOrEmpty(en) || en.Length > 60)
            return Failure.Invalid("labelZh", "中文名称须填写且不超过40字，英文不超过60字符 (labels required: Chinese up to 40, English up to 60 characters)");
        var row = await db.StatusLabelRows.FirstOrDefaultAsync(r => r.Status == command.Status, ct);
        var seen = command.Version ?? -1;
        if ((row?.Version ?? 0) != seen)
            return Failure.Conflict("状态名称已被他人修改，请刷新后重试 (the label changed; reload)");
        if (row is null)
        {
            row = new StatusLabelRow { Status = command.Status, Version = 1 };
            db.StatusLabelRows.Add(row);
        }
        row.LabelZh = zh;
        row.LabelEn = en;
        try
        {
            await db.SaveChangesAsync(ct);
            cache.Invalidate();
        }
        catch (DbUpdateException)
        {
            return Failure.Conflict("状态名称已被他人修改，请刷新后重试 (someone else changed the label first; reload)");
        }
        return new StatusLabelItem(row.Status, row.LabelZh, row.LabelEn, StatusLabels.CategoryOf(row.Status).ToString(), StatusLabels.Open311Status(row.Status), row.Version);
    }

    private async Task<Actor?> CentreActor(Caller caller, CancellationToken ct) =>
        await directory.ActorFor(caller, ct) is { } actor && TicketScope.IsCentre(actor) ? actor : null;
}
