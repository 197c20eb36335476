using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Yiju.Programme.Features.Reports;
using Yiju.Tests.Pdf;

namespace Yiju.UnitTests.Programme;

/// <summary>
/// The CJK font in report PDFs is cut down to the glyphs used (PDFsharp 6.5 embeds CFF-outline fonts whole): a page of
/// Chinese text goes from megabytes to tens of kilobytes and still reads back as the same text. Needs Debian's
/// fonts-noto-cjk (scripts/test.sh installs it); skipped with the reason where it is missing.
/// </summary>
public sealed class CffSubsetTests
{
    private const string Text = "哈尔滨市打造“宜居幸福之都”实施方案 城镇新增就业8.07万人（截至10月末）2026Q3 完成度97.2%";

    private static byte[] Render(string text, bool compress = true)
    {
        CjkFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Options.NoCompression = !compress;
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
            gfx.DrawString(text, new XFont(CjkFonts.Family, 12), XBrushes.Black, new XPoint(40, 60));
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private static void SkipWithoutFont() =>
        Assert.SkipUnless(CjkFonts.Candidates.Any(c => File.Exists(c.Path)), "fonts-noto-cjk is not installed");

    /// <summary>The embedded font program of the PDF's CIDFont, decoded.</summary>
    private static byte[] EmbeddedFont(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var program = document.Internals.GetAllObjects().OfType<PdfDictionary>()
            .Where(d => d.Elements.GetName("/Type") == "/FontDescriptor")
            .Select(d => d.Elements.GetDictionary("/FontFile2") ?? d.Elements.GetDictionary("/FontFile3"))
            .Single(f => f is not null)!;
        return program.Stream.UnfilteredValue;
    }

    [Fact]
    public void A_page_of_Chinese_embeds_only_its_glyphs_and_keeps_its_text()
    {
        SkipWithoutFont();
        var whole = Render(Text);
        Assert.True(whole.Length > 5_000_000, $"PDFsharp alone embeds the whole font ({whole.Length} bytes)");
        Assert.True(CffSubset.IsCffOpenType(EmbeddedFont(whole)), "Noto Sans CJK has CFF outlines");

        var small = PdfFontSubsetting.SubsetCffFonts(whole);
        Assert.True(small.Length < 200_000, $"{small.Length} bytes");
        Assert.Equal(Text.Replace(" ", "", StringComparison.Ordinal), PdfText.Extract(small).Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
        Assert.True(CffSubset.IsCffOpenType(EmbeddedFont(small)));
        // Noto CJK's CIDs are its glyph ids, so the font is declared for what it is: CFF outlines in an OpenType stream.
        using var reread = PdfReader.Open(new MemoryStream(small), PdfDocumentOpenMode.Import);
        var cidFont = reread.Internals.GetAllObjects().OfType<PdfDictionary>().Single(d => d.Elements.GetName("/Subtype") is "/CIDFontType0" or "/CIDFontType2");
        Assert.Equal("/CIDFontType0", cidFont.Elements.GetName("/Subtype"));
        Assert.Equal("/OpenType", cidFont.Elements.GetDictionary("/FontDescriptor")!.Elements.GetDictionary("/FontFile3")!.Elements.GetName("/Subtype"));
    }

    [Fact]
    public void An_uncompressed_first_save_comes_out_subset_and_deflated()
    {
        SkipWithoutFont();
        var raw = Render(Text, compress: false);
        Assert.True(raw.Length > 10_000_000, $"{raw.Length} bytes");
        var small = PdfFontSubsetting.SubsetCffFonts(raw);
        Assert.True(small.Length < 200_000, $"{small.Length} bytes");
        using var document = PdfReader.Open(new MemoryStream(small), PdfDocumentOpenMode.Import);
        // XMP metadata stays readable as PDFsharp writes it (uncompressed, so that tools can find it without a PDF parser).
        Assert.All(document.Internals.GetAllObjects().OfType<PdfDictionary>().Where(d => d.Stream is not null && d.Elements.GetName("/Type") != "/Metadata"),
            d => Assert.Equal("/FlateDecode", d.Elements.GetName("/Filter")));
        Assert.Contains("宜居幸福之都", PdfText.Extract(small).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Subsetting_keeps_the_used_glyphs_exactly_and_is_stable()
    {
        SkipWithoutFont();
        var font = EmbeddedFont(Render(Text));
        int[] glyphs = [0, 1, 100, 1000, 20000, 40000, 65000];
        var subset = CffSubset.Subset(font, glyphs);
        Assert.True(subset.Length < font.Length / 10, $"{subset.Length} of {font.Length} bytes");
        // A second pass over the subset finds the same glyphs and subroutines, so it produces the same bytes: the
        // rewritten offsets, INDEXes and DICTs read back as they were written.
        Assert.Equal(subset, CffSubset.Subset(subset, glyphs));
        // Fewer glyphs, a smaller font; the same glyphs of the whole font, the same subset.
        Assert.True(CffSubset.Subset(font, [0, 1]).Length < subset.Length);
        Assert.Equal(subset, CffSubset.Subset(font, glyphs.Reverse()));
    }

    [Fact]
    public void A_font_without_CFF_outlines_is_refused()
    {
        Assert.False(CffSubset.IsCffOpenType(new byte[] { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }));
        Assert.Throws<ArgumentException>(() => CffSubset.Subset(new byte[] { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, [1]));
    }
}
