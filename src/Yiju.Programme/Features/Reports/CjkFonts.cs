using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Yiju.Programme.Features.Reports;

/// <summary>The CJK font for PDFs could not be found; the message says what to install.</summary>
public sealed class PdfFontMissingException(string message) : Exception(message);

/// <summary>
/// Gives PDFsharp a Chinese font from the system, Debian's fonts-noto-cjk (Noto Sans CJK SC, SIL OFL), rather than
/// shipping one: the file is large and every Debian machine can install it. The fonts come as TrueType collections
/// (.ttc), which PDFsharp does not read, so the Simplified Chinese face is cut out of the collection into a standalone
/// OpenType font. PDFsharp embeds CFF-outline fonts whole (it cannot subset them); <see cref="PdfFontSubsetting"/> cuts
/// the embedded font down to the glyphs used after PDFsharp has saved.
/// Reports use the regular face only (headings are larger, not bold), so the font is embedded once.
/// </summary>
public sealed class CjkFonts : IFontResolver
{
    public const string Family = "Yiju CJK";

    /// <summary>Where Debian's fonts-noto-cjk puts the collection, and the index of the SC face in it (JP, KR, SC, TC, HK).</summary>
    public static readonly (string Path, int Face)[] Candidates =
    [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ];

    private static readonly Lazy<byte[]?> Face = new(Load);
    private static readonly Lock Gate = new();
    private static bool installed;

    /// <summary>
    /// Registers the resolver once per process and checks the font is there, so a missing font is a clear message rather
    /// than an exception deep inside PDFsharp. PDFsharp 6.5 also needs its licence chosen: the free AGPL one.
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!installed)
            {
                PdfSharp.PdfSharpLicense.SetAgplLicense();
                GlobalFontSettings.FontResolver ??= new CjkFonts();
                installed = true;
            }
        }

        if (Face.Value is null)
        {
            throw new PdfFontMissingException(
                "生成PDF需要中文字体，未找到 " + string.Join(" 或 ", Candidates.Select(c => c.Path)) +
                "；请安装 fonts-noto-cjk（apt-get install fonts-noto-cjk）。(A CJK font is needed for PDF: install fonts-noto-cjk.)");
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(Family);

    public byte[]? GetFont(string faceName) => Face.Value;

    private static byte[]? Load()
    {
        foreach (var (path, face) in Candidates)
        {
            if (File.Exists(path))
                return ExtractFace(File.ReadAllBytes(path), face);
        }

        return null;
    }

    /// <summary>
    /// One font out of a TrueType/OpenType collection: the collection's table directory for that face, with its tables
    /// copied after it and their offsets rewritten. A file that is not a collection is returned as it is.
    /// </summary>
    public static byte[] ExtractFace(byte[] file, int index)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(file) != 0x74746366) // 'ttcf'
            return file;
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(8));
        if (index < 0 || index >= count)
            throw new ArgumentOutOfRangeException(nameof(index), $"The collection has {count} faces.");
        var directory = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12 + (4 * index)));
        int tables = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(directory + 4));
        var headerLength = 12 + (16 * tables);
        var records = new List<(uint Offset, uint Length)>(tables);
        long total = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var record = directory + 12 + (16 * i);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(record + 8));
            var length = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(record + 12));
            records.Add((offset, length));
            total += (length + 3) & ~3u;
        }

        var result = new byte[total];
        file.AsSpan(directory, headerLength).CopyTo(result);
        var position = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var (offset, length) = records[i];
            file.AsSpan((int)offset, (int)length).CopyTo(result.AsSpan(position));
            BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(12 + (16 * i) + 8), (uint)position);
            position += (int)((length + 3) & ~3u);
        }

        return result;
    }
}
