using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Housing.Api;
using Yiju.Housing.Domain;
using Yiju.Housing.Domain.Applications;
using Yiju.Housing.Features.Applications;
using Yiju.Kernel;

namespace Yiju.Housing.Areas.Housing.Pages;

public sealed class MemberRow
{
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public Relationship Relationship { get; set; } = Relationship.Spouse;
    public decimal MonthlyIncomeYuan { get; set; }
    public bool LocalHukou { get; set; }
    public int SocialInsuranceMonths { get; set; }
    public bool Disabled { get; set; }
    public bool Veteran { get; set; }
}

public sealed class ApplyForm
{
    public SchemeKind Scheme { get; set; } = SchemeKind.PublicRental;
    public string? DistrictCode { get; set; }
    public string? StreetCode { get; set; }
    public double CurrentHousingAreaM2 { get; set; }
    public decimal AssetsYuan { get; set; }
    public bool SpecialHardship { get; set; }
    public List<MemberRow> Members { get; set; } = [];
}

/// <summary>The application form: a resident online (anonymous) or street staff at the office. Empty member rows are ignored.</summary>
[EnableRateLimiting("anonymous")]
[RequestFormLimits(MultipartBodyLengthLimit = (MaxFiles * ApplicationDocument.MaxSizeBytes) + (1024 * 1024))]
[RequestSizeLimit((MaxFiles * ApplicationDocument.MaxSizeBytes) + (1024 * 1024))]
public sealed class ApplyModel(SubmitApplication submit) : HousingPageModel
{
    public const int Rows = 6;
    public const int MaxFiles = 5;

    [BindProperty]
    public ApplyForm Form { get; set; } = new();

    /// <summary>Optional supporting documents (PDF, JPEG, PNG, 10 MB each), checked by content like the staff upload.</summary>
    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public SubmittedApplication? Submitted { get; private set; }

    public void OnGet() => Pad();

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        var members = Form.Members.Where(m => !string.IsNullOrWhiteSpace(m.Name) || !string.IsNullOrWhiteSpace(m.IdNumber))
            .Select((m, i) => new MemberInput(m.Name, m.IdNumber, i == 0 ? Relationship.Applicant : m.Relationship, m.MonthlyIncomeYuan, m.LocalHukou,
                m.SocialInsuranceMonths, m.Disabled, m.Veteran))
            .ToList();
        var uploads = new List<DocumentUpload>();
        if (Files.Count > MaxFiles)
        {
            Pad();
            return Fail(Failure.Invalid("documents", $"最多上传{MaxFiles}份材料 (at most {MaxFiles} files)"));
        }
        foreach (var file in Files.Where(f => f.Length > 0))
        {
            var read = await HousingApi.ReadDocument(file, "applicant", ct);
            if (!read.Succeeded)
            {
                Pad();
                return Fail(read.Failure!);
            }
            uploads.Add(read.Value!);
        }
        var outcome = await submit.Handle(new SubmitApplicationCommand(Form.Scheme, Form.DistrictCode, Form.StreetCode, Form.CurrentHousingAreaM2,
            Form.AssetsYuan, Form.SpecialHardship, members, uploads), Caller, ct);
        Pad();
        if (!outcome.Succeeded)
            return Fail(outcome.Failure!);
        Submitted = outcome.Value;
        return Page();
    }

    private void Pad()
    {
        while (Form.Members.Count < Rows)
            Form.Members.Add(new MemberRow { Relationship = Form.Members.Count == 0 ? Relationship.Applicant : Relationship.Child });
    }
}
