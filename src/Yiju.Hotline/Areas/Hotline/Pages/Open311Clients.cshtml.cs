using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Features.Open311;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>Administrators register Open311 clients and revoke them; a new api_key is shown once.</summary>
public sealed class Open311ClientsModel(Open311Clients clients) : HotlinePageModel
{
    public IReadOnlyList<Open311ClientView> Clients { get; private set; } = [];
    public string? NewKey { get; private set; }

    public async Task OnGet(CancellationToken ct) => Clients = await clients.List(ct);

    public async Task<IActionResult> OnPostRegister(string? name, CancellationToken ct)
    {
        var outcome = await clients.Register(name, Caller, ct);
        if (outcome.Succeeded)
            NewKey = outcome.Value!.ApiKey;
        else
            Show(outcome.Failure!);
        Clients = await clients.List(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActive(long id, bool active, CancellationToken ct)
    {
        var outcome = await clients.SetActive(id, active, Caller, ct);
        if (!outcome.Succeeded)
        {
            Show(outcome.Failure!);
            Clients = await clients.List(ct);
            return Page();
        }
        return RedirectToPage();
    }
}
