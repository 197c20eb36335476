namespace Yiju.Organisation.Domain;

/// <summary>One row of a street/community CSV import as read from the file (line numbers count the header as line 1).</summary>
public sealed record UnitImportRow(int Line, string? Code, string? Name, string? Level, string? ParentCode, string? NameEn);

public sealed record ImportError(int Line, string Message);

/// <summary>A unit the import will create, with its parent already resolved (an existing unit or an earlier row).</summary>
public sealed record PlannedUnit(string Code, string Name, string? NameEn, UnitLevel Level, string ParentCode, string Path);

/// <summary>
/// Validates a whole import before anything is written: the import is all-or-nothing, so every bad row is reported
/// together and nothing is created unless every row is good. Rows may name parents created earlier in the same file.
/// </summary>
public static class UnitImport
{
    public const int MaxRows = 20_000;

    public sealed record ExistingUnit(string Code, UnitLevel Level, string Path);

    public static (IReadOnlyList<PlannedUnit> Plan, IReadOnlyList<ImportError> Errors) Validate(
        IReadOnlyList<UnitImportRow> rows,
        IReadOnlyDictionary<string, ExistingUnit> existing,
        Func<UnitLevel, string, bool> mayManage)
    {
        var errors = new List<ImportError>();
        var plan = new List<PlannedUnit>();
        if (rows.Count == 0)
            errors.Add(new ImportError(1, "文件没有数据行 (the file has no data rows)"));
        if (rows.Count > MaxRows)
            errors.Add(new ImportError(1, $"一次最多导入 {MaxRows} 行 (at most {MaxRows} rows per import)"));

        var known = new Dictionary<string, ExistingUnit>(existing, StringComparer.Ordinal);
        var seenInFile = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var rowErrors = new List<string>();
            var code = row.Code?.Trim();
            var name = row.Name?.Trim();
            var parentCode = row.ParentCode?.Trim();
            if (OrganisationRules.CheckCode(code) is { } codeError)
                rowErrors.Add(codeError);
            else if (!seenInFile.Add(code!))
                rowErrors.Add($"代码 {code} 在文件中重复 (code repeated in the file)");
            else if (existing.ContainsKey(code!))
                rowErrors.Add($"代码 {code} 已存在 (code already exists)");
            if (OrganisationRules.CheckName(name) is { } nameError)
                rowErrors.Add(nameError);
            if (!string.IsNullOrEmpty(row.NameEn) && OrganisationRules.CheckName(row.NameEn) is { } enError)
                rowErrors.Add("name_en: " + enError);

            UnitLevel? level = row.Level?.Trim().ToUpperInvariant() switch
            {
                "STREET" or "街道" or "乡镇" => UnitLevel.Street,
                "COMMUNITY" or "社区" or "村" => UnitLevel.Community,
                _ => null,
            };
            if (level is null)
                rowErrors.Add($"级别 '{row.Level}' 无效，应为 street/街道 或 community/社区 (level must be street or community)");

            ExistingUnit? parent = null;
            if (string.IsNullOrWhiteSpace(parentCode))
                rowErrors.Add("上级代码不能为空 (parent_code is required)");
            else if (!known.TryGetValue(parentCode, out parent))
                rowErrors.Add($"上级代码 {parentCode} 不存在 (unknown parent code)");
            else if (level is { } l && Unit.ChildLevelOf(parent.Level) != l)
                rowErrors.Add($"{LevelName(l)}的上级必须是{LevelName(l - 1)} (a {l} must sit under a {l - 1})");
            else if (level is { } lv && !mayManage(lv, parent.Path))
                rowErrors.Add($"无权在 {parentCode} 下添加单位 (not allowed to add units under {parentCode})");

            if (rowErrors.Count > 0)
            {
                errors.AddRange(rowErrors.Select(m => new ImportError(row.Line, m)));
                continue;
            }

            var path = Unit.ChildPath(parent!.Path, code!);
            plan.Add(new PlannedUnit(code!, name!, string.IsNullOrWhiteSpace(row.NameEn) ? null : row.NameEn.Trim(), level!.Value, parentCode!, path));
            known[code!] = new ExistingUnit(code!, level.Value, path);
        }
        return (errors.Count == 0 ? plan : [], errors);
    }

    public static string LevelName(UnitLevel level) => level switch
    {
        UnitLevel.City => "市",
        UnitLevel.District => "区县",
        UnitLevel.Street => "街道",
        UnitLevel.Community => "社区",
    };
}
