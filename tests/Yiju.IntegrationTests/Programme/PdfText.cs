using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace Yiju.Tests.Pdf;

/// <summary>
/// Reads the text of a PDF in pure .NET (PDFsharp's content reader): the strings of the text-showing operators,
/// mapped back to Unicode through the fonts' ToUnicode maps. Enough to check that a report shows its figures.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var map = new Dictionary<int, string>();
        foreach (var obj in document.Internals.GetAllObjects())
        {
            if (obj is PdfDictionary { Stream: { } stream })
            {
                var text = Encoding.ASCII.GetString(stream.UnfilteredValue);
                if (text.Contains("begincmap", StringComparison.Ordinal))
                    ReadCMap(text, map);
            }
        }

        var result = new StringBuilder();
        foreach (var page in document.Pages)
        {
            Walk(ContentReader.ReadContent(page), map, result);
            result.Append('\n');
        }

        return result.ToString();
    }

    private static void Walk(CObject obj, Dictionary<int, string> map, StringBuilder result)
    {
        switch (obj)
        {
            case COperator op when op.OpCode.Name is "Tj" or "TJ" or "'" or "\"":
                foreach (var operand in op.Operands)
                    Walk(operand, map, result);
                result.Append('\n');
                break;
            case CString s:
                var bytes = s.Value.Select(c => (byte)c).ToArray();
                for (var i = 0; i + 1 < bytes.Length; i += 2)
                {
                    var code = (bytes[i] << 8) | bytes[i + 1];
                    result.Append(map.TryGetValue(code, out var u) ? u : "\uFFFD");
                }

                break;
            case CSequence seq:
                foreach (var item in seq)
                    Walk(item, map, result);
                break;
        }
    }

    private static void ReadCMap(string cmap, Dictionary<int, string> map)
    {
        foreach (Match section in RangeSection().Matches(cmap))
        {
            foreach (Match m in RangeEntry().Matches(section.Groups[1].Value))
            {
                var from = int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var to = int.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var start = Utf16(m.Groups[3].Value);
                for (var code = from; code <= to; code++)
                    map[code] = start.Length == 1 ? ((char)(start[0] + (code - from))).ToString() : start;
            }
        }

        foreach (Match section in CharSection().Matches(cmap))
        {
            foreach (Match m in CharEntry().Matches(section.Groups[1].Value))
                map[int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = Utf16(m.Groups[2].Value);
        }
    }

    private static string Utf16(string hex) => Encoding.BigEndianUnicode.GetString(Convert.FromHexString(hex));

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex RangeSection();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex RangeEntry();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex CharSection();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex CharEntry();
}
