using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Yiju.Programme.Features.Reports;

/// <summary>
/// Replaces the whole CFF-outline fonts PDFsharp 6.5 embeds (it subsets only TrueType outlines) with subsets of the
/// glyphs the document uses (<see cref="CffSubset"/>). PDFsharp writes the font program while saving, so this works on
/// the saved document: it is read back, each CIDFont's embedded OpenType/CFF program is cut down to the glyphs listed in
/// the CIDFont's widths array (PDFsharp lists every glyph it used there), and the document is saved again. Glyph ids,
/// widths and the ToUnicode map are unchanged, so the text stays the same text and can still be searched and copied.
/// The first save can be uncompressed (<c>Options.NoCompression</c>): streams without a filter are deflated here.
/// </summary>
public static class PdfFontSubsetting
{
    public static byte[] SubsetCffFonts(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Modify);
        var changed = false;
        foreach (var obj in document.Internals.GetAllObjects())
        {
            if (obj is not PdfDictionary font || font.Elements.GetName("/Type") != "/Font"
                || font.Elements.GetName("/Subtype") is not ("/CIDFontType2" or "/CIDFontType0"))
            {
                continue;
            }

            var program = font.Elements.GetDictionary("/FontDescriptor")?.Elements.GetDictionary("/FontFile2");
            if (program is not null && program.Reference is null)
                continue;
            if (program?.Stream is null || font.Elements.GetArray("/W") is not { } widths)
                continue;
            var data = program.Stream.UnfilteredValue;
            if (!CffSubset.IsCffOpenType(data))
                continue;
            var subset = CffSubset.Subset(data, UsedGlyphs(widths));
            program.Elements.Remove("/Filter");
            program.Elements.Remove("/DecodeParms");
            program.Stream.Value = subset;
            program.Elements.SetInteger("/Length1", subset.Length);
            program.Stream.Zip();
            if (CffSubset.CidsAreGlyphIds(subset))
            {
                // PDFsharp labels every font TrueType (CIDFontType2, FontFile2); CFF outlines are a CIDFontType0 font in a
                // FontFile3 stream of subtype OpenType (PDF 1.6). Readers that check, such as poppler, warn otherwise.
                var descriptor = font.Elements.GetDictionary("/FontDescriptor")!;
                descriptor.Elements.Remove("/FontFile2");
                descriptor.Elements["/FontFile3"] = program.Reference;
                program.Elements.Remove("/Length1");
                program.Elements.SetName("/Subtype", "/OpenType");
                font.Elements.SetName("/Subtype", "/CIDFontType0");
                font.Elements.Remove("/CIDToGIDMap");
                if (document.Version < 16)
                    document.Version = 16;
            }

            changed = true;
        }

        // The first save may have been uncompressed (so the whole font was not deflated only to be thrown away):
        // deflate every stream that has no filter yet, except XMP metadata, which PDFsharp leaves readable on purpose.
        foreach (var obj in document.Internals.GetAllObjects())
        {
            if (obj is PdfDictionary { Stream: not null } dict && dict.Elements.GetValue("/Filter") is null
                && dict.Elements.GetName("/Type") != "/Metadata")
            {
                dict.Stream.Zip();
                changed = true;
            }
        }

        if (!changed)
            return pdf;
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>The glyph ids a CIDFont's W array gives widths for: "c [w1 w2 …]" and "c_first c_last w" forms.</summary>
    public static IReadOnlyCollection<int> UsedGlyphs(PdfArray widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var items = widths.Elements.Select(e => e is PdfReference r ? r.Value : e).ToList();
        var glyphs = new HashSet<int>();
        for (var i = 0; i < items.Count;)
        {
            if (items[i] is not PdfInteger first)
                throw new InvalidOperationException("Unexpected entry in a CIDFont's widths.");
            if (i + 1 < items.Count && items[i + 1] is PdfArray list)
            {
                for (var k = 0; k < list.Elements.Count; k++)
                    glyphs.Add(first.Value + k);
                i += 2;
            }
            else if (i + 2 < items.Count && items[i + 1] is PdfInteger last)
            {
                for (var g = first.Value; g <= last.Value; g++)
                    glyphs.Add(g);
                i += 3;
            }
            else
            {
                throw new InvalidOperationException("Unexpected entry in a CIDFont's widths.");
            }
        }

        return glyphs;
    }
}
