using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Places.Domain;
using Yiju.Places.Features;

namespace Yiju.Places.Areas.Places.Pages;

/// <summary>Edit one facility type's standard. Audited; applies to analyses queued afterwards (saved runs keep theirs).</summary>
public sealed class TypeEditModel(FacilityTypeHandlers types) : PageModel
{
    public string Code { get; private set; } = "";
    public TypeForm Form { get; private set; } = new();
    public Failure? Error { get; private set; }
    public bool Saved { get; private set; }

    public sealed class TypeForm
    {
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public int? Level { get; set; }
        public string? WalkingDistance { get; set; }
        public AgeGroup? TargetGroup { get; set; }
        public CapacityUnit? CapacityUnit { get; set; }
        public string? DefaultCapacity { get; set; }
        public string? Clause { get; set; }
        public bool ClauseChecked { get; set; }
        public string? ClauseVerification { get; set; }
        public int? Version { get; set; }
    }

    public async Task<IActionResult> OnGet(string code, bool? saved, CancellationToken ct)
    {
        var t = await types.Get(code, ct);
        if (t is null)
            return NotFound();
        Code = code;
        Saved = saved == true;
        Form = new TypeForm
        {
            Name = t.Name,
            NameEn = t.NameEn,
            Level = (int)t.Level,
            WalkingDistance = t.WalkingDistance.ToString(CultureInfo.InvariantCulture),
            TargetGroup = t.TargetGroup,
            CapacityUnit = t.CapacityUnit,
            DefaultCapacity = t.DefaultCapacity.ToString(CultureInfo.InvariantCulture),
            Clause = t.Clause,
            ClauseChecked = t.ClauseChecked,
            ClauseVerification = t.ClauseVerification,
            Version = t.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPost(string code, TypeForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        Code = code;
        Form = form;
        var edit = new FacilityTypeEdit(form.Name, form.NameEn,
            form.Level is { } m && Enum.IsDefined((LifeCircleLevel)m) ? (LifeCircleLevel)m : null,
            Number(form.WalkingDistance), form.TargetGroup, form.CapacityUnit, Number(form.DefaultCapacity),
            form.Clause, form.ClauseChecked, form.ClauseVerification);
        var outcome = await types.Update(code, form.Version, edit, ct);
        if (outcome.Failure is { } f)
        {
            if (f.Kind == FailureKind.NotFound)
                return NotFound();
            Error = f;
            Response.StatusCode = f.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/places/types/edit/{Uri.EscapeDataString(code)}?saved=true");
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
