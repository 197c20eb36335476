using System.Buffers.Binary;

namespace Yiju.Programme.Features.Reports;

/// <summary>
/// Subsets a CFF-outline OpenType font (such as Noto Sans CJK) to the glyphs a document uses, which PDFsharp 6.5 cannot
/// do: its subsetter needs TrueType 'glyf'/'loca' tables and embeds a font with CFF outlines whole (13 MB for Noto CJK).
/// <para>
/// The method keeps every glyph number (so the PDF's glyph ids, widths and ToUnicode map stay valid) and blanks what is
/// not used: the charstring of an unused glyph becomes a bare <c>endchar</c>, an unused subroutine a bare <c>return</c>,
/// and an unused glyph's horizontal metrics zero. Which subroutines are used is found by running each used glyph's
/// Type 2 charstring far enough to follow its <c>callsubr</c>/<c>callgsubr</c> calls (the operand stack, stem hints for
/// <c>hintmask</c> lengths, calls and returns). The CFF is then rewritten with new offsets (5-byte integers in the DICTs,
/// so their sizes are known before the layout), and the OpenType wrapper keeps only the tables a PDF viewer needs to
/// draw glyphs by id: 'CFF ', head, hhea, hmtx, maxp, OS/2, name and post (no cmap, like PDFsharp's own CID subsets).
/// </para>
/// </summary>
public static class CffSubset
{
    private static readonly string[] KeptTables = ["CFF ", "OS/2", "head", "hhea", "hmtx", "maxp", "name", "post"];

    /// <summary>True when the font is OpenType with CFF outlines ('OTTO').</summary>
    public static bool IsCffOpenType(ReadOnlySpan<byte> font) =>
        font.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(font) == 0x4F54544F;

    /// <summary>The font with only <paramref name="glyphs"/> (and .notdef) drawable; glyph ids are unchanged.</summary>
    public static byte[] Subset(byte[] font, IEnumerable<int> glyphs)
    {
        ArgumentNullException.ThrowIfNull(font);
        ArgumentNullException.ThrowIfNull(glyphs);
        if (!IsCffOpenType(font))
            throw new ArgumentException("Not an OpenType font with CFF outlines.", nameof(font));
        var tables = ReadTables(font);
        var used = new HashSet<int>(glyphs) { 0 };
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var tag in KeptTables)
        {
            if (tables.TryGetValue(tag, out var t))
                result[tag] = font.AsSpan(t.Offset, t.Length).ToArray();
        }

        if (!result.TryGetValue("CFF ", out var cff))
            throw new ArgumentException("The font has no 'CFF ' table.", nameof(font));
        result["CFF "] = SubsetCff(cff, used);
        if (result.TryGetValue("hmtx", out var hmtx) && result.TryGetValue("hhea", out var hhea))
            BlankMetrics(hmtx, BinaryPrimitives.ReadUInt16BigEndian(hhea.AsSpan(34)), used);
        return WriteFont(result);
    }

    /// <summary>
    /// True when the font's CFF is CID-keyed and each glyph's CID is its glyph id (as in Noto Sans CJK, whose registry
    /// is Adobe-Identity-0): then the PDF can declare it a CIDFontType0 font, whose CIDs are looked up through the charset,
    /// and the glyph ids PDFsharp writes still name the right glyphs.
    /// </summary>
    public static bool CidsAreGlyphIds(byte[] font)
    {
        ArgumentNullException.ThrowIfNull(font);
        if (!IsCffOpenType(font) || !ReadTables(font).TryGetValue("CFF ", out var t))
            return false;
        var cff = font.AsSpan(t.Offset, t.Length).ToArray();
        var nameIndex = ReadIndex(cff, cff[2]);
        var topIndex = ReadIndex(cff, nameIndex.End);
        var top = ReadDict(cff, topIndex.Item(0));
        if (top.All(e => e.Operator != OpRos) || Offset(top, OpCharset) is not { } at || at <= 2
            || Offset(top, OpCharStrings) is not { } charStringsAt)
        {
            return false;
        }

        var glyphs = ReadIndex(cff, charStringsAt).Count;
        var format = cff[at];
        var gid = 1;
        var i = at + 1;
        while (gid < glyphs)
        {
            int first = BinaryPrimitives.ReadUInt16BigEndian(cff.AsSpan(i));
            if (first != gid)
                return false;
            int left = format switch
            {
                0 => 0,
                1 => cff[i + 2],
                _ => BinaryPrimitives.ReadUInt16BigEndian(cff.AsSpan(i + 2)),
            };
            gid += left + 1;
            i += format switch { 0 => 2, 1 => 3, _ => 4 };
        }

        return true;
    }

    private static Dictionary<string, (int Offset, int Length)> ReadTables(byte[] font)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            var tag = System.Text.Encoding.ASCII.GetString(font, record, 4);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12));
            if (offset < 0 || length < 0 || (long)offset + length > font.Length)
                throw new ArgumentException($"Table '{tag}' lies outside the font.", nameof(font));
            tables[tag] = (offset, length);
        }

        return tables;
    }

    /// <summary>Zeroes the advance and side bearing of glyphs not used (long metrics first, then bearings only).</summary>
    private static void BlankMetrics(byte[] hmtx, int longMetrics, HashSet<int> used)
    {
        for (var gid = 0; ; gid++)
        {
            var (at, size) = gid < longMetrics ? (4 * gid, 4) : ((4 * longMetrics) + (2 * (gid - longMetrics)), 2);
            if (at + size > hmtx.Length)
                break;
            if (!used.Contains(gid))
                hmtx.AsSpan(at, size).Clear();
        }
    }

    private static byte[] WriteFont(Dictionary<string, byte[]> tables)
    {
        var tags = tables.Keys.OrderBy(t => t, StringComparer.Ordinal).ToList();
        var headerLength = 12 + (16 * tags.Count);
        var total = headerLength + tags.Sum(t => (tables[t].Length + 3) & ~3);
        var font = new byte[total];
        var span = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x4F54544F);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)tags.Count);
        var power = 1;
        var log = 0;
        while (power * 2 <= tags.Count)
        {
            power *= 2;
            log++;
        }

        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((tags.Count * 16) - (power * 16)));
        if (tables.TryGetValue("head", out var head) && head.Length >= 12)
            head.AsSpan(8, 4).Clear(); // checkSumAdjustment is computed over the font with this field zero
        var position = headerLength;
        for (var i = 0; i < tags.Count; i++)
        {
            var data = tables[tags[i]];
            var record = span.Slice(12 + (16 * i), 16);
            System.Text.Encoding.ASCII.GetBytes(tags[i], record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(span[position..]);
            position += (data.Length + 3) & ~3;
        }

        var headIndex = tags.IndexOf("head");
        if (headIndex >= 0)
        {
            var headOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(span[(12 + (16 * headIndex) + 8)..]);
            BinaryPrimitives.WriteUInt32BigEndian(span[(headOffset + 8)..], unchecked(0xB1B0AFBA - Checksum(font)));
        }

        return font;
    }

    private static uint Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(data[i..]));
        if (i < data.Length)
        {
            Span<byte> last = stackalloc byte[4];
            last.Clear();
            data[i..].CopyTo(last);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(last));
        }

        return sum;
    }

    // ---- CFF ----

    private const int OpCharset = 15;
    private const int OpEncoding = 16;
    private const int OpCharStrings = 17;
    private const int OpPrivate = 18;
    private const int OpSubrs = 19;
    private const int OpFdArray = (12 << 8) | 36;
    private const int OpFdSelect = (12 << 8) | 37;
    private const int OpRos = (12 << 8) | 30;

    /// <summary>One DICT entry: its operator (two-byte operators as 12 &lt;&lt; 8 | b) and its operands as raw bytes.</summary>
    private sealed record DictEntry(int Operator, byte[] RawOperands, IReadOnlyList<double> Operands);

    /// <summary>A CFF with unused charstrings and subroutines blanked, laid out anew.</summary>
    public static byte[] SubsetCff(byte[] cff, IReadOnlySet<int> used)
    {
        ArgumentNullException.ThrowIfNull(cff);
        ArgumentNullException.ThrowIfNull(used);
        int headerSize = cff[2];
        var nameIndex = ReadIndex(cff, headerSize);
        var topIndex = ReadIndex(cff, nameIndex.End);
        var stringIndex = ReadIndex(cff, topIndex.End);
        var globalSubrs = ReadIndex(cff, stringIndex.End);
        if (topIndex.Count != 1)
            throw new ArgumentException("A CFF table with one font is expected.", nameof(cff));
        var top = ReadDict(cff, topIndex.Item(0));
        var charStrings = ReadIndex(cff, Offset(top, OpCharStrings) ?? throw new ArgumentException("No CharStrings.", nameof(cff)));
        var glyphCount = charStrings.Count;
        var isCid = top.Any(e => e.Operator == OpRos);

        // Private DICTs: one per Font DICT in a CID-keyed font, else the Top DICT's.
        var fontDicts = new List<List<DictEntry>>();
        IndexData? fdArray = null;
        byte[]? fdSelect = null;
        Func<int, int> fdOf = _ => 0;
        if (isCid)
        {
            fdArray = ReadIndex(cff, Offset(top, OpFdArray) ?? throw new ArgumentException("No FDArray.", nameof(cff)));
            for (var i = 0; i < fdArray.Count; i++)
                fontDicts.Add(ReadDict(cff, fdArray.Item(i)));
            var selectAt = Offset(top, OpFdSelect) ?? throw new ArgumentException("No FDSelect.", nameof(cff));
            fdSelect = cff.AsSpan(selectAt, FdSelectLength(cff, selectAt, glyphCount)).ToArray();
            var map = FdSelectMap(fdSelect, glyphCount);
            fdOf = gid => map[gid];
        }
        else
        {
            fontDicts.Add(top);
        }

        var privates = new List<(List<DictEntry> Dict, IndexData? Subrs)>();
        foreach (var fd in fontDicts)
        {
            var entry = fd.FirstOrDefault(e => e.Operator == OpPrivate);
            if (entry is null || entry.Operands.Count < 2)
            {
                privates.Add(([], null));
                continue;
            }

            var size = (int)entry.Operands[0];
            var at = (int)entry.Operands[1];
            var dict = ReadDict(cff, (at, at + size));
            var subrsAt = Offset(dict, OpSubrs);
            privates.Add((dict, subrsAt is { } s ? ReadIndex(cff, at + s) : null));
        }

        // Which charstrings and subroutines the used glyphs need.
        var usedGlobal = new HashSet<int>();
        var usedLocal = privates.Select(_ => new HashSet<int>()).ToList();
        var seac = false;
        foreach (var gid in used.Where(g => g >= 0 && g < glyphCount))
        {
            var fd = fdOf(gid);
            var local = privates[fd].Subrs;
            var walker = new CharstringWalker(cff, globalSubrs, local, usedGlobal, usedLocal[fd]);
            walker.Run(charStrings.Item(gid));
            seac |= walker.Seac;
        }

        // An accented glyph of a non-CID font may be endchar with four arguments (seac): it draws two other glyphs
        // named through the standard encoding. Rather than resolve those, such a font keeps every charstring (its
        // subroutines are still cut). CID-keyed fonts such as Noto CJK have no seac.
        if (seac && !isCid)
            used = Enumerable.Range(0, glyphCount).ToHashSet();

        // Unused entries become empty rather than a one-byte endchar/return: the INDEX offsets then repeat instead of
        // counting up, and the deflated font shrinks by a further ~150 KB. Nothing ever runs them: the document draws
        // only the used glyphs, and only their charstrings call subroutines.
        byte[] endchar = [];
        byte[] ret = [];
        var newGlobal = WriteIndex(globalSubrs, i => usedGlobal.Contains(i) ? null : ret);
        var newCharStrings = WriteIndex(charStrings, i => used.Contains(i) ? null : endchar);
        var newLocals = privates.Select((p, fd) => p.Subrs is { } s ? WriteIndex(s, i => usedLocal[fd].Contains(i) ? null : ret) : null).ToList();

        // Blocks copied as they are.
        var charsetAt = Offset(top, OpCharset) ?? 0;
        var charset = charsetAt > 2 ? cff.AsSpan(charsetAt, CharsetLength(cff, charsetAt, glyphCount)).ToArray() : null;
        var encodingAt = isCid ? 0 : Offset(top, OpEncoding) ?? 0;
        var encoding = encodingAt > 1 ? cff.AsSpan(encodingAt, EncodingLength(cff, encodingAt)).ToArray() : null;

        // Private DICTs with their Subrs right after them (offset = the DICT's own length).
        var newPrivates = newLocals.Select((subrs, fd) =>
        {
            var dict = privates[fd].Dict;
            if (dict.Count == 0)
                return (Dict: Array.Empty<byte>(), Subrs: (byte[]?)null);
            var probe = WriteDict(dict, new Dictionary<int, int[]> { [OpSubrs] = [0] });
            var bytes = subrs is null ? WriteDict(dict, []) : WriteDict(dict, new Dictionary<int, int[]> { [OpSubrs] = [probe.Length] });
            return (Dict: bytes, Subrs: subrs);
        }).ToList();

        // The layout: header, Name, Top DICT, String, Global Subrs, then the blocks the Top DICT points to.
        var header = cff.AsSpan(0, headerSize).ToArray();
        var nameBytes = cff.AsSpan(nameIndex.Start, nameIndex.End - nameIndex.Start).ToArray();
        var stringBytes = cff.AsSpan(stringIndex.Start, stringIndex.End - stringIndex.Start).ToArray();

        byte[] TopWith(int charsetOffset, int encodingOffset, int charStringsOffset, int fdArrayOffset, int fdSelectOffset, int privateSize, int privateOffset)
        {
            var replace = new Dictionary<int, int[]> { [OpCharStrings] = [charStringsOffset] };
            if (charset is not null)
                replace[OpCharset] = [charsetOffset];
            if (encoding is not null)
                replace[OpEncoding] = [encodingOffset];
            if (isCid)
            {
                replace[OpFdArray] = [fdArrayOffset];
                replace[OpFdSelect] = [fdSelectOffset];
            }
            else if (newPrivates[0].Dict.Length > 0)
            {
                replace[OpPrivate] = [privateSize, privateOffset];
            }

            return WriteIndex([WriteDict(top, replace)]);
        }

        var topLength = TopWith(0, 0, 0, 0, 0, 0, 0).Length;
        var position = header.Length + nameBytes.Length + topLength + stringBytes.Length + newGlobal.Length;
        var charsetOffset = position;
        position += charset?.Length ?? 0;
        var encodingOffset = position;
        position += encoding?.Length ?? 0;
        var fdSelectOffset = position;
        position += fdSelect?.Length ?? 0;
        var charStringsOffset = position;
        position += newCharStrings.Length;

        byte[]? newFdArray = null;
        var fdArrayOffset = position;
        var privateOffsets = new List<int>();
        if (isCid)
        {
            byte[] FdArrayWith(IReadOnlyList<int> offsets) => WriteIndex(fontDicts.Select((fd, i) =>
                newPrivates[i].Dict.Length == 0 ? WriteDict(fd, []) : WriteDict(fd, new Dictionary<int, int[]> { [OpPrivate] = [newPrivates[i].Dict.Length, offsets[i]] })).ToList());
            var fdArrayLength = FdArrayWith(fontDicts.Select(_ => 0).ToList()).Length;
            position += fdArrayLength;
            foreach (var p in newPrivates)
            {
                privateOffsets.Add(position);
                position += p.Dict.Length + (p.Subrs?.Length ?? 0);
            }

            newFdArray = FdArrayWith(privateOffsets);
        }
        else
        {
            privateOffsets.Add(position);
            position += newPrivates[0].Dict.Length + (newPrivates[0].Subrs?.Length ?? 0);
        }

        var output = new MemoryStream(position);
        output.Write(header);
        output.Write(nameBytes);
        output.Write(TopWith(charsetOffset, encodingOffset, charStringsOffset, fdArrayOffset, fdSelectOffset, newPrivates[0].Dict.Length, privateOffsets[0]));
        output.Write(stringBytes);
        output.Write(newGlobal);
        if (charset is not null)
            output.Write(charset);
        if (encoding is not null)
            output.Write(encoding);
        if (fdSelect is not null)
            output.Write(fdSelect);
        output.Write(newCharStrings);
        if (newFdArray is not null)
            output.Write(newFdArray);
        foreach (var p in newPrivates)
        {
            output.Write(p.Dict);
            if (p.Subrs is not null)
                output.Write(p.Subrs);
        }

        if (output.Length != position)
            throw new InvalidOperationException("CFF layout mismatch.");
        return output.ToArray();
    }

    private static int? Offset(List<DictEntry> dict, int op) =>
        dict.FirstOrDefault(e => e.Operator == op) is { Operands.Count: > 0 } e ? (int)e.Operands[^1] : null;

    /// <summary>An INDEX: where it starts and ends, and where each item's data lies.</summary>
    private sealed class IndexData(byte[] data, int start, int count, int offSize, int offsetsAt, int dataAt, int end)
    {
        public int Start => start;

        public int End => end;

        public int Count => count;

        public (int Start, int End) Item(int i)
        {
            int Read(int k)
            {
                var v = 0;
                for (var b = 0; b < offSize; b++)
                    v = (v << 8) | data[offsetsAt + (k * offSize) + b];
                return v;
            }

            return (dataAt + Read(i) - 1, dataAt + Read(i + 1) - 1);
        }

        public ReadOnlySpan<byte> Bytes(int i)
        {
            var (s, e) = Item(i);
            return data.AsSpan(s, e - s);
        }
    }

    private static IndexData ReadIndex(byte[] cff, int at)
    {
        int count = BinaryPrimitives.ReadUInt16BigEndian(cff.AsSpan(at));
        if (count == 0)
            return new IndexData(cff, at, 0, 1, at + 2, at + 2, at + 2);
        int offSize = cff[at + 2];
        var offsetsAt = at + 3;
        var dataAt = offsetsAt + ((count + 1) * offSize) - 1 + 1;
        var index = new IndexData(cff, at, count, offSize, offsetsAt, dataAt, 0);
        var end = index.Item(count - 1).End;
        return new IndexData(cff, at, count, offSize, offsetsAt, dataAt, end);
    }

    /// <summary>An INDEX with item i replaced by <paramref name="replace"/>(i) unless that is null.</summary>
    private static byte[] WriteIndex(IndexData index, Func<int, byte[]?> replace)
    {
        var items = new List<byte[]>(index.Count);
        for (var i = 0; i < index.Count; i++)
            items.Add(replace(i) ?? index.Bytes(i).ToArray());
        return WriteIndex(items);
    }

    private static byte[] WriteIndex(IReadOnlyList<byte[]> items)
    {
        if (items.Count == 0)
            return [0, 0];
        long dataLength = items.Sum(i => (long)i.Length);
        var offSize = dataLength + 1 < 0x100 ? 1 : dataLength + 1 < 0x10000 ? 2 : dataLength + 1 < 0x1000000 ? 3 : 4;
        var result = new byte[3 + ((items.Count + 1) * offSize) + dataLength];
        BinaryPrimitives.WriteUInt16BigEndian(result, (ushort)items.Count);
        result[2] = (byte)offSize;
        var offset = 1;
        var dataAt = 3 + ((items.Count + 1) * offSize);
        for (var i = 0; i <= items.Count; i++)
        {
            for (var b = 0; b < offSize; b++)
                result[3 + (i * offSize) + b] = (byte)(offset >> (8 * (offSize - 1 - b)));
            if (i < items.Count)
            {
                items[i].CopyTo(result, dataAt + offset - 1);
                offset += items[i].Length;
            }
        }

        return result;
    }

    private static List<DictEntry> ReadDict(byte[] cff, (int Start, int End) range)
    {
        var entries = new List<DictEntry>();
        var operands = new List<double>();
        var operandStart = range.Start;
        var i = range.Start;
        while (i < range.End)
        {
            int b = cff[i];
            if (b <= 21)
            {
                var op = b == 12 ? (12 << 8) | cff[i + 1] : b;
                entries.Add(new DictEntry(op, cff.AsSpan(operandStart, i - operandStart).ToArray(), operands.ToList()));
                i += b == 12 ? 2 : 1;
                operands.Clear();
                operandStart = i;
            }
            else if (b == 28)
            {
                operands.Add((short)((cff[i + 1] << 8) | cff[i + 2]));
                i += 3;
            }
            else if (b == 29)
            {
                operands.Add(BinaryPrimitives.ReadInt32BigEndian(cff.AsSpan(i + 1)));
                i += 5;
            }
            else if (b == 30)
            {
                // A real number: nibbles up to the end marker 0xF; its value is never an offset, so it is kept raw.
                i++;
                while (i < range.End && (cff[i] & 0x0F) != 0x0F && (cff[i] & 0xF0) != 0xF0)
                    i++;
                i++;
                operands.Add(0);
            }
            else if (b is >= 32 and <= 246)
            {
                operands.Add(b - 139);
                i++;
            }
            else if (b is >= 247 and <= 250)
            {
                operands.Add(((b - 247) * 256) + cff[i + 1] + 108);
                i += 2;
            }
            else if (b is >= 251 and <= 254)
            {
                operands.Add((-(b - 251) * 256) - cff[i + 1] - 108);
                i += 2;
            }
            else
            {
                throw new ArgumentException($"Bad DICT byte {b}.", nameof(cff));
            }
        }

        return entries;
    }

    /// <summary>A DICT as it was, with the operands of the operators in <paramref name="replace"/> as 5-byte integers.</summary>
    private static byte[] WriteDict(List<DictEntry> dict, Dictionary<int, int[]> replace)
    {
        var output = new MemoryStream();
        var number = new byte[5];
        foreach (var e in dict)
        {
            if (replace.TryGetValue(e.Operator, out var values))
            {
                foreach (var v in values)
                {
                    number[0] = 29;
                    BinaryPrimitives.WriteInt32BigEndian(number.AsSpan(1), v);
                    output.Write(number);
                }
            }
            else
            {
                output.Write(e.RawOperands);
            }

            if (e.Operator > 0xFF)
            {
                output.WriteByte(12);
                output.WriteByte((byte)(e.Operator & 0xFF));
            }
            else
            {
                output.WriteByte((byte)e.Operator);
            }
        }

        return output.ToArray();
    }

    private static int CharsetLength(byte[] cff, int at, int glyphs)
    {
        var format = cff[at];
        if (format == 0)
            return 1 + (2 * (glyphs - 1));
        var covered = 1; // .notdef is implied
        var i = at + 1;
        while (covered < glyphs)
        {
            var left = format == 1 ? cff[i + 2] : BinaryPrimitives.ReadUInt16BigEndian(cff.AsSpan(i + 2));
            covered += left + 1;
            i += format == 1 ? 3 : 4;
        }

        return i - at;
    }

    private static int EncodingLength(byte[] cff, int at)
    {
        var format = cff[at];
        var length = (format & 0x7F) == 0 ? 2 + cff[at + 1] : 2 + (2 * cff[at + 1]);
        if ((format & 0x80) != 0)
            length += 1 + (3 * cff[at + length]);
        return length;
    }

    private static int FdSelectLength(byte[] cff, int at, int glyphs) => cff[at] switch
    {
        0 => 1 + glyphs,
        3 => 1 + 2 + (3 * BinaryPrimitives.ReadUInt16BigEndian(cff.AsSpan(at + 1))) + 2,
        var f => throw new ArgumentException($"FDSelect format {f} is not supported.", nameof(cff)),
    };

    private static byte[] FdSelectMap(byte[] select, int glyphs)
    {
        var map = new byte[glyphs];
        if (select[0] == 0)
        {
            select.AsSpan(1, glyphs).CopyTo(map);
            return map;
        }

        int ranges = BinaryPrimitives.ReadUInt16BigEndian(select.AsSpan(1));
        for (var r = 0; r < ranges; r++)
        {
            int first = BinaryPrimitives.ReadUInt16BigEndian(select.AsSpan(3 + (3 * r)));
            var fd = select[3 + (3 * r) + 2];
            int next = BinaryPrimitives.ReadUInt16BigEndian(select.AsSpan(3 + (3 * (r + 1))));
            for (var g = first; g < Math.Min(next, glyphs); g++)
                map[g] = fd;
        }

        return map;
    }

    /// <summary>
    /// Follows a Type 2 charstring's subroutine calls. Only what decides which subroutine is called and how many bytes a
    /// hint mask takes is interpreted: numbers on the stack, stem declarations, hintmask/cntrmask, callsubr/callgsubr,
    /// return and endchar; every other operator clears the stack, as drawing operators do.
    /// </summary>
    private sealed class CharstringWalker(byte[] cff, IndexData global, IndexData? local, HashSet<int> usedGlobal, HashSet<int> usedLocal)
    {
        private readonly List<double> stack = [];
        private int stems;
        private bool ended;

        /// <summary>The glyph ended with endchar and four or more arguments (seac: an accented glyph made of two others).</summary>
        public bool Seac { get; private set; }

        private static int Bias(int count) => count < 1240 ? 107 : count < 33900 ? 1131 : 32768;

        public void Run((int Start, int End) range) => Run(range, 0);

        private void Run((int Start, int End) range, int depth)
        {
            if (depth > 10)
                throw new ArgumentException("Subroutines nested too deeply.");
            var i = range.Start;
            while (i < range.End && !ended)
            {
                int b = cff[i];
                if (b >= 32 || b == 28)
                {
                    if (b <= 246 && b != 28)
                    {
                        stack.Add(b - 139);
                        i++;
                    }
                    else if (b <= 250 && b != 28)
                    {
                        stack.Add(((b - 247) * 256) + cff[i + 1] + 108);
                        i += 2;
                    }
                    else if (b <= 254 && b != 28)
                    {
                        stack.Add((-(b - 251) * 256) - cff[i + 1] - 108);
                        i += 2;
                    }
                    else if (b == 28)
                    {
                        stack.Add((short)((cff[i + 1] << 8) | cff[i + 2]));
                        i += 3;
                    }
                    else
                    {
                        stack.Add(BinaryPrimitives.ReadInt32BigEndian(cff.AsSpan(i + 1)) / 65536.0);
                        i += 5;
                    }

                    continue;
                }

                i++;
                switch (b)
                {
                    case 1 or 3 or 18 or 23: // hstem, vstem, hstemhm, vstemhm
                        stems += stack.Count / 2;
                        stack.Clear();
                        break;
                    case 19 or 20: // hintmask, cntrmask: a preceding vstem may be implied by the numbers left
                        stems += stack.Count / 2;
                        stack.Clear();
                        i += (stems + 7) / 8;
                        break;
                    case 10 or 29: // callsubr, callgsubr
                        {
                            if (stack.Count == 0)
                                throw new ArgumentException("Subroutine call without a number.");
                            var isLocal = b == 10;
                            var subrs = isLocal ? local : global;
                            if (subrs is null)
                                throw new ArgumentException("Call to missing local subroutines.");
                            var n = (int)stack[^1] + Bias(subrs.Count);
                            stack.RemoveAt(stack.Count - 1);
                            if (n < 0 || n >= subrs.Count)
                                throw new ArgumentException($"Subroutine {n} does not exist.");
                            (isLocal ? usedLocal : usedGlobal).Add(n);
                            Run(subrs.Item(n), depth + 1);
                            break;
                        }

                    case 11: // return
                        return;
                    case 14: // endchar
                        Seac |= stack.Count >= 4;
                        ended = true;
                        return;
                    case 12: // two-byte operators (flex and others)
                        i++;
                        stack.Clear();
                        break;
                    default:
                        stack.Clear();
                        break;
                }
            }
        }
    }
}
