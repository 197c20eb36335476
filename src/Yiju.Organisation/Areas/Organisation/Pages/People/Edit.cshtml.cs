using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Yiju.Kernel;
using Yiju.Kernel.Security;
using Yiju.Organisation.Features.Departments;
using Yiju.Organisation.Features.People;

namespace Yiju.Organisation.Areas.Organisation.Pages.People;

[Authorize(Policy = Policies.Admin)]
public sealed class PersonEditModel(PeopleHandlers people, DepartmentHandlers departments) : PageModel
{
    /// <summary>Rows offered for roles; a person rarely holds more than two.</summary>
    public const int GrantRows = 3;

    public sealed class GrantForm
    {
        public Role? Role { get; set; }
        public string? UnitCode { get; set; }
        public long? DepartmentId { get; set; }
    }

    public sealed class PersonForm
    {
        public string UserName { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string? Phone { get; set; }
        public string? NewPassword { get; set; }
        public bool Active { get; set; } = true;
        public int? Version { get; set; }
        public List<GrantForm> Grants { get; set; } = [];
    }

    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public PersonForm Input { get; set; } = new();

    public IReadOnlyList<DepartmentSummary> Departments { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var person = await people.Get(id, ct);
            if (person is null)
                return NotFound();
            Input = new PersonForm
            {
                UserName = person.UserName,
                DisplayName = person.DisplayName,
                Phone = person.Phone,
                Active = person.Active,
                Version = person.Version,
                Grants = person.Grants.Select(g => new GrantForm { Role = g.Role, UnitCode = g.UnitCode, DepartmentId = g.DepartmentId }).ToList(),
            };
        }
        await Prepare(ct);
        return Page();
    }

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        var grants = Input.Grants.Where(g => g.Role is not null).Select(g => new GrantInput(g.Role!.Value, g.UnitCode, g.DepartmentId)).ToList();
        var outcome = await people.Save(new SavePersonCommand(Id, Input.UserName, Input.DisplayName, Input.Phone, Input.Active, Input.NewPassword, grants, Input.Version), Caller.From(User), ct);
        if (outcome.Succeeded)
            return Redirect("/organisation/people");
        if (outcome.Failure!.Kind == FailureKind.Forbidden)
            return Forbid();
        if (outcome.Failure.Kind == FailureKind.NotFound)
            return NotFound();
        Errors.Add(outcome.Failure.Message);
        if (outcome.Failure.Errors is { } errors)
            Errors.AddRange(errors.SelectMany(e => e.Value));
        Response.StatusCode = outcome.Failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        await Prepare(ct);
        return Page();
    }

    private async Task Prepare(CancellationToken ct)
    {
        Departments = await departments.List(ct);
        while (Input.Grants.Count < GrantRows)
            Input.Grants.Add(new GrantForm());
    }
}
