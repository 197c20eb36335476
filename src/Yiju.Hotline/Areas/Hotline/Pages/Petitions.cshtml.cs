using Microsoft.AspNetCore.Mvc;
using Yiju.Hotline.Domain;
using Yiju.Hotline.Features.Intake;
using Yiju.Hotline.Features.Petitions;
using Yiju.Hotline.Features.Taxonomy;

namespace Yiju.Hotline.Areas.Hotline.Pages;

/// <summary>
/// 信访事项: the petition bureau's page. Registers a letter or visit (登记; the 15-day decision limit starts), lists the open
/// petitions nearest statutory deadline first with the count per stage, and this year's figures against the targets.
/// Accepting (受理), not accepting with a reason (不予受理), handling, reply, evaluation and review are the ticket page's actions.
/// </summary>
public sealed class PetitionsModel(PetitionQueries petitions, CreateTicket create, CategoryCatalogue catalogue) : HotlinePageModel
{
    [BindProperty] public string? CallerName { get; set; }
    [BindProperty] public string? CallerPhone { get; set; }
    [BindProperty] public Channel Channel { get; set; } = Channel.Letter;
    [BindProperty] public string? CategoryCode { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public string? Address { get; set; }

    public PetitionOverview? Overview { get; private set; }
    public IReadOnlyList<CategoryItem> Categories { get; private set; } = [];

    public static IReadOnlyList<Channel> Channels { get; } = [Channel.Letter, Channel.Visit, Channel.Phone, Channel.WebForm, Channel.Other];

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        var outcome = await petitions.Overview(Caller, ct);
        if (!outcome.Succeeded)
            return ForbidOr(outcome.Failure!);
        Overview = outcome.Value;
        Categories = await catalogue.List(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRegister(CancellationToken ct)
    {
        var channel = Channels.Contains(Channel) ? Channel : Channel.Letter;
        var outcome = await create.ByStaff(new IntakeCommand(TicketType.Petition, CategoryCode, Text, channel, Urgency.Normal, null, CallerName, CallerPhone, Address), Caller, ct);
        if (outcome.Succeeded)
            return Redirect($"/hotline/ticket/{outcome.Value!.Id}");
        var failure = outcome.Failure!;
        if (failure.Kind == Kernel.FailureKind.Forbidden)
            return Forbid();
        var overview = await petitions.Overview(Caller, ct);
        if (!overview.Succeeded)
            return Forbid();
        Overview = overview.Value;
        Categories = await catalogue.List(ct);
        Show(failure);
        return Page();
    }

    public static string ChannelLabel(Channel channel) => channel switch
    {
        Channel.Letter => "来信",
        Channel.Visit => "来访",
        Channel.Phone => "电话",
        Channel.WebForm => "网上信访",
        _ => "其他",
    };

    public static string Percent(double? value) => value is { } v ? v.ToString("P1", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
