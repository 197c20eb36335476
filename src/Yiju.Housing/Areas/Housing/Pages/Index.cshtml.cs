using Microsoft.AspNetCore.RateLimiting;
using Yiju.Housing.Features.Applications;

namespace Yiju.Housing.Areas.Housing.Pages;

[EnableRateLimiting("anonymous")]
public sealed class IndexModel(ApplicationQueries queries) : HousingPageModel
{
    public IReadOnlyList<RuleSetView> RuleSets { get; private set; } = [];

    public async Task OnGet(CancellationToken ct) => RuleSets = await queries.RulesInForce(ct);
}
