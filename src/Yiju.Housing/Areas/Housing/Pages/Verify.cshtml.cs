using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yiju.Housing.Api;
using Yiju.Housing.Domain.Lottery;
using Yiju.Housing.Features.Lotteries;

namespace Yiju.Housing.Areas.Housing.Pages;

/// <summary>Anyone uploads a lottery's published files (or the .zip) and sees what the verifier finds; nothing is stored.</summary>
[EnableRateLimiting("anonymous")]
[RequestSizeLimit(LotteryHandlers.MaxUploadBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = LotteryHandlers.MaxUploadBytes + 1024 * 1024)]
public sealed class VerifyModel : HousingPageModel
{
    public LotteryVerificationReport? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPost(List<IFormFile> files, CancellationToken ct)
    {
        var read = await HousingApi.ReadFiles(files, ct);
        if (!read.Succeeded)
            return Fail(read.Failure!);
        Report = LotteryVerifier.Verify(read.Value!);
        return Page();
    }
}
