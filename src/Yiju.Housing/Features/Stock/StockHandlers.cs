using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yiju.Housing.Data;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Stock;
using Yiju.Kernel;
using Yiju.Kernel.Security;

namespace Yiju.Housing.Features.Stock;

public sealed record ProjectView(Guid Id, string Name, string DistrictCode, string Address, [property: JsonConverter(typeof(JsonStringEnumConverter<SchemeKind>))] SchemeKind Scheme, DateOnly RaisedOn, int Flats, int Vacant);

public sealed record FlatView(Guid Id, string Code, double AreaM2, int Rooms, int Floor, [property: JsonConverter(typeof(JsonStringEnumConverter<FlatStatus>))] FlatStatus Status, string? AllocatedTo);

public sealed record SaveProjectCommand(string? Name, string? DistrictCode, string? Address, [property: JsonConverter(typeof(JsonStringEnumConverter<SchemeKind>))] SchemeKind Scheme, DateOnly RaisedOn);

public sealed record AddFlatCommand(Guid ProjectId, string? Code, double AreaM2, int Rooms, int Floor);

/// <summary>Housing stock (房源): projects and their flats. Anyone signed in may read; only the bureau changes it.</summary>
public sealed class StockHandlers(IHousingDb db, HousingAccess access)
{
    public async Task<List<ProjectView>> Projects(CancellationToken ct) =>
        await db.HousingProjects.AsNoTracking().OrderBy(p => p.DistrictCode).ThenBy(p => p.Name)
            .Select(p => new ProjectView(p.Id, p.Name, p.DistrictCode, p.Address, p.Scheme, p.RaisedOn, p.Flats.Count, p.Flats.Count(f => f.Status == FlatStatus.Vacant)))
            .ToListAsync(ct);

    public async Task<(ProjectView Project, List<FlatView> Flats)?> Project(Guid id, CancellationToken ct)
    {
        var p = (await Projects(ct)).FirstOrDefault(x => x.Id == id);
        if (p is null)
            return null;
        var flats = await db.HousingFlats.AsNoTracking().Where(f => f.ProjectId == id).OrderBy(f => f.Code).ToListAsync(ct);
        var ids = flats.Where(f => f.AllocatedApplicationId is not null).Select(f => f.AllocatedApplicationId!.Value).ToList();
        var numbers = await db.HousingApplications.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Number, ct);
        return (p, flats.Select(f => new FlatView(f.Id, f.Code, f.AreaM2, f.Rooms, f.Floor, f.Status,
            f.AllocatedApplicationId is { } a && numbers.TryGetValue(a, out var n) ? n : null)).ToList());
    }

    public async Task<Outcome<Guid>> SaveProject(SaveProjectCommand command, Caller caller, CancellationToken ct)
    {
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以登记房源 (housing bureau only)");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 200)
            errors["name"] = ["请填写项目名称 (name required)"];
        if (command.DistrictCode is null || !HarbinDistricts.IsDistrict(command.DistrictCode))
            errors["districtCode"] = ["请选择所在区县 (choose a district)"];
        if (!command.Scheme.AllocatesFlats())
            errors["scheme"] = ["房源只属于公租房或保障性租赁住房 (flats belong to a flat scheme)"];
        if (errors.Count > 0)
            return Failure.Invalid("项目信息有误 (invalid project)", errors);
        var project = new HousingProject
        {
            Id = Guid.NewGuid(),
            Name = command.Name!.Trim(),
            DistrictCode = command.DistrictCode!,
            Address = command.Address?.Trim() ?? "",
            Scheme = command.Scheme,
            RaisedOn = command.RaisedOn,
        };
        db.HousingProjects.Add(project);
        await db.SaveChangesAsync(ct);
        return project.Id;
    }

    public async Task<Outcome<Guid>> AddFlat(AddFlatCommand command, Caller caller, CancellationToken ct)
    {
        if (await access.Bureau(caller, ct) is null)
            return Failure.Forbidden("只有市住建局可以登记房源 (housing bureau only)");
        var project = await db.HousingProjects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.ProjectId, ct);
        if (project is null)
            return Failure.NotFound("项目不存在 (no such project)");
        var errors = new Dictionary<string, string[]>();
        var code = command.Code?.Trim() ?? "";
        if (!IsValidCode(code))
            errors["code"] = ["房号只能使用字母、数字、'-'和'_'，如 3-2-1201 (letters, digits, '-', '_')"];
        else if (await db.HousingFlats.AnyAsync(f => f.ProjectId == project.Id && f.Code == code, ct))
            errors["code"] = [$"房号 {code} 已存在 (flat already exists)"];
        if (!double.IsFinite(command.AreaM2) || command.AreaM2 is <= 0 or > 500)
            errors["areaM2"] = ["面积应在0至500平方米之间 (area 0–500 m²)"];
        if (command.Rooms is < 0 or > 20)
            errors["rooms"] = ["居室数应在0至20之间 (rooms 0–20)"];
        if (command.Floor is < -5 or > 200)
            errors["floor"] = ["楼层无效 (invalid floor)"];
        if (errors.Count > 0)
            return Failure.Invalid("房源信息有误 (invalid flat)", errors);
        var flat = new Flat
        {
            Id = Guid.NewGuid(),
            ProjectId = project.Id,
            Code = code,
            DistrictCode = project.DistrictCode,
            AreaM2 = command.AreaM2,
            Rooms = command.Rooms,
            Floor = command.Floor,
            Status = FlatStatus.Vacant,
        };
        db.HousingFlats.Add(flat);
        await db.SaveChangesAsync(ct);
        return flat.Id;
    }

    /// <summary>Flat codes become lottery flat ids, so they follow the published files' id rules.</summary>
    public static bool IsValidCode(string code) =>
        code.Length is >= 1 and <= 40 && char.IsAsciiLetterOrDigit(code[0]) && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
