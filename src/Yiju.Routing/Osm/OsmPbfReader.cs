using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Google.Protobuf;

namespace Yiju.Routing.Osm;

/// <summary>
/// Reads the OSM PBF format (https://wiki.openstreetmap.org/wiki/PBF_Format) by decoding
/// fileformat.proto and osmformat.proto by hand with <see cref="CodedInputStream"/>: the messages
/// are small and only a few fields matter, so generated code would add a build step for nothing.
/// Nodes and ways are reported; relations, metadata and changesets are skipped.
/// </summary>
public static class OsmPbfReader
{
    // Limits from the format specification; anything larger is corruption or another format.
    private const int MaxBlobHeaderSize = 64 * 1024;
    private const int MaxBlobSize = 32 * 1024 * 1024;

    private static readonly HashSet<string> SupportedFeatures = new(StringComparer.Ordinal)
    {
        "OsmSchema-V0.6",
        "DenseNodes",
        "HistoricalInformation",
    };

    public static void Read(string path, IOsmHandler handler)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Read(stream, handler);
    }

    public static void Read(Stream stream, IOsmHandler handler)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            ReadBlobs(stream, handler);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new OsmFormatException("The OSM PBF file is corrupt: " + ex.Message, ex);
        }
        catch (InvalidDataException ex)
        {
            throw new OsmFormatException("A compressed block of the OSM PBF file is corrupt or truncated: " + ex.Message, ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new OsmFormatException("The OSM PBF file ends in the middle of a block: it is truncated.", ex);
        }
    }

    private static void ReadBlobs(Stream stream, IOsmHandler handler)
    {
        var lengthBytes = new byte[4];
        var blobIndex = 0;
        var sawHeader = false;
        var strings = new List<string>();
        var scratch = new WayScratch();
        while (true)
        {
            var got = stream.ReadAtLeast(lengthBytes, 4, throwOnEndOfStream: false);
            if (got == 0)
            {
                break;
            }

            if (got < 4)
            {
                throw new OsmFormatException($"The OSM PBF file is truncated after block {blobIndex}.");
            }

            var headerLength = BinaryPrimitives.ReadInt32BigEndian(lengthBytes);
            if (headerLength <= 0 || headerLength > MaxBlobHeaderSize)
            {
                throw new OsmFormatException(blobIndex == 0
                    ? "This is not an OSM PBF file (its first block header is not valid)."
                    : $"Block header {blobIndex} of the OSM PBF file has an impossible size ({headerLength} bytes).");
            }

            var headerBytes = new byte[headerLength];
            stream.ReadExactly(headerBytes);
            var (type, dataSize) = ParseBlobHeader(headerBytes);
            if (dataSize <= 0 || dataSize > MaxBlobSize)
            {
                throw new OsmFormatException($"Block {blobIndex} of the OSM PBF file has an impossible size ({dataSize} bytes).");
            }

            var blobBytes = new byte[dataSize];
            stream.ReadExactly(blobBytes);
            if (blobIndex == 0 && !string.Equals(type, "OSMHeader", StringComparison.Ordinal))
            {
                throw new OsmFormatException($"This is not an OSM PBF file: the first block is '{type}', not 'OSMHeader'.");
            }

            switch (type)
            {
                case "OSMHeader":
                    CheckHeaderBlock(Decompress(blobBytes));
                    sawHeader = true;
                    break;
                case "OSMData":
                    ReadPrimitiveBlock(Decompress(blobBytes), handler, strings, scratch);
                    break;
                default:
                    // The specification says readers must skip block types they do not know.
                    break;
            }

            blobIndex++;
        }

        if (!sawHeader)
        {
            throw new OsmFormatException("The OSM PBF file is empty.");
        }
    }

    private static (string Type, int DataSize) ParseBlobHeader(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        string? type = null;
        var dataSize = -1;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    type = input.ReadString();
                    break;
                case 3:
                    dataSize = input.ReadInt32();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (type is null || dataSize < 0)
        {
            throw new OsmFormatException("This is not an OSM PBF file (a block header lacks its type or size).");
        }

        return (type, dataSize);
    }

    private static byte[] Decompress(byte[] blob)
    {
        var input = new CodedInputStream(blob);
        ByteString? raw = null;
        ByteString? zlib = null;
        var rawSize = -1;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    raw = input.ReadBytes();
                    break;
                case 2:
                    rawSize = input.ReadInt32();
                    break;
                case 3:
                    zlib = input.ReadBytes();
                    break;
                case 4:
                case 5:
                case 6:
                case 7:
                    throw new OsmFormatException("The OSM PBF file uses a compression other than zlib (lzma, bzip2, lz4 or zstd), which Yiju does not read. Re-encode it with zlib, e.g. `osmium cat -o out.osm.pbf in.osm.pbf`.");
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (raw is not null)
        {
            return raw.ToByteArray();
        }

        if (zlib is null || rawSize < 0 || rawSize > MaxBlobSize)
        {
            throw new OsmFormatException("A block of the OSM PBF file holds no data or declares an impossible size.");
        }

        var output = new byte[rawSize];
        using var compressed = new MemoryStream(zlib.ToByteArray(), writable: false);
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        inflater.ReadExactly(output);
        if (inflater.ReadByte() != -1)
        {
            throw new OsmFormatException("A compressed block of the OSM PBF file is larger than it declares.");
        }

        return output;
    }

    private static void CheckHeaderBlock(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 4)
            {
                var feature = input.ReadString();
                if (!SupportedFeatures.Contains(feature))
                {
                    throw new OsmFormatException($"The OSM PBF file requires the feature '{feature}', which Yiju does not support.");
                }
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private static void ReadPrimitiveBlock(byte[] bytes, IOsmHandler handler, List<string> strings, WayScratch scratch)
    {
        // Groups may precede the granularity fields in the byte stream, so collect them first.
        var input = new CodedInputStream(bytes);
        var groups = new List<ByteString>();
        strings.Clear();
        var granularity = 100L;
        long latOffset = 0;
        long lonOffset = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    ReadStringTable(input.ReadBytes(), strings);
                    break;
                case 2:
                    groups.Add(input.ReadBytes());
                    break;
                case 17:
                    granularity = input.ReadInt32();
                    break;
                case 19:
                    latOffset = input.ReadInt64();
                    break;
                case 20:
                    lonOffset = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        var block = new BlockContext(strings, granularity, latOffset, lonOffset);
        foreach (var group in groups)
        {
            ReadGroup(group.CreateCodedInput(), block, handler, scratch);
        }
    }

    private static void ReadStringTable(ByteString table, List<string> strings)
    {
        var input = table.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                strings.Add(Encoding.UTF8.GetString(input.ReadBytes().Span));
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private static void ReadGroup(CodedInputStream input, BlockContext block, IOsmHandler handler, WayScratch scratch)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    ReadNode(input.ReadBytes().CreateCodedInput(), block, handler);
                    break;
                case 2:
                    ReadDenseNodes(input.ReadBytes().CreateCodedInput(), block, handler);
                    break;
                case 3:
                    ReadWay(input.ReadBytes().CreateCodedInput(), block, handler, scratch);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
    }

    private static void ReadNode(CodedInputStream input, BlockContext block, IOsmHandler handler)
    {
        long id = 0;
        long lat = 0;
        long lon = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    id = input.ReadSInt64();
                    break;
                case 8:
                    lat = input.ReadSInt64();
                    break;
                case 9:
                    lon = input.ReadSInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        handler.Node(id, block.LatE7(lat), block.LonE7(lon));
    }

    private static void ReadDenseNodes(CodedInputStream input, BlockContext block, IOsmHandler handler)
    {
        ByteString? ids = null;
        ByteString? lats = null;
        ByteString? lons = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    ids = input.ReadBytes();
                    break;
                case 8:
                    lats = input.ReadBytes();
                    break;
                case 9:
                    lons = input.ReadBytes();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (ids is null)
        {
            return;
        }

        if (lats is null || lons is null)
        {
            throw new OsmFormatException("A dense node group of the OSM PBF file has ids but no coordinates.");
        }

        var idInput = ids.CreateCodedInput();
        var latInput = lats.CreateCodedInput();
        var lonInput = lons.CreateCodedInput();
        long id = 0;
        long lat = 0;
        long lon = 0;
        while (!idInput.IsAtEnd)
        {
            if (latInput.IsAtEnd || lonInput.IsAtEnd)
            {
                throw new OsmFormatException("A dense node group of the OSM PBF file has fewer coordinates than ids.");
            }

            id += idInput.ReadSInt64();
            lat += latInput.ReadSInt64();
            lon += lonInput.ReadSInt64();
            handler.Node(id, block.LatE7(lat), block.LonE7(lon));
        }
    }

    private static void ReadWay(CodedInputStream input, BlockContext block, IOsmHandler handler, WayScratch scratch)
    {
        long id = 0;
        scratch.Clear();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    id = input.ReadInt64();
                    break;
                case 2:
                    ReadPackedUInt32(input, tag, scratch.Keys);
                    break;
                case 3:
                    ReadPackedUInt32(input, tag, scratch.Values);
                    break;
                case 8:
                    ReadDeltaSInt64(input, tag, scratch.Refs);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (scratch.Keys.Count != scratch.Values.Count)
        {
            throw new OsmFormatException($"Way {id} of the OSM PBF file has {scratch.Keys.Count} tag keys but {scratch.Values.Count} values.");
        }

        for (var i = 0; i < scratch.Keys.Count; i++)
        {
            scratch.Tags.Add(new KeyValuePair<string, string>(block.String(scratch.Keys[i]), block.String(scratch.Values[i])));
        }

        handler.Way(id, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch.Refs), scratch.Tags);
    }

    private static void ReadPackedUInt32(CodedInputStream input, uint tag, List<uint> target)
    {
        if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
        {
            target.Add(input.ReadUInt32());
            return;
        }

        var packed = input.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd)
        {
            target.Add(packed.ReadUInt32());
        }
    }

    private static void ReadDeltaSInt64(CodedInputStream input, uint tag, List<long> target)
    {
        var value = target.Count == 0 ? 0 : target[^1];
        if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
        {
            target.Add(value + input.ReadSInt64());
            return;
        }

        var packed = input.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd)
        {
            value += packed.ReadSInt64();
            target.Add(value);
        }
    }

    private sealed class WayScratch
    {
        public List<uint> Keys { get; } = [];

        public List<uint> Values { get; } = [];

        public List<long> Refs { get; } = [];

        public List<KeyValuePair<string, string>> Tags { get; } = [];

        public void Clear()
        {
            Keys.Clear();
            Values.Clear();
            Refs.Clear();
            Tags.Clear();
        }
    }

    private readonly struct BlockContext(List<string> strings, long granularity, long latOffset, long lonOffset)
    {
        public string String(uint index) => index < (uint)strings.Count
            ? strings[(int)index]
            : throw new OsmFormatException($"A tag refers to string {index}, beyond the block's string table of {strings.Count}.");

        // Coordinates are in nanodegrees after granularity and offset; OSM's own precision is 1e-7.
        public int LatE7(long value) => ToE7(latOffset + (granularity * value));

        public int LonE7(long value) => ToE7(lonOffset + (granularity * value));

        private static int ToE7(long nanodegrees)
        {
            var e7 = Math.Round(nanodegrees / 100.0, MidpointRounding.AwayFromZero);
            if (e7 is < -1_800_000_000 or > 1_800_000_000)
            {
                throw new OsmFormatException("A node of the OSM PBF file has a coordinate outside ±180°.");
            }

            return (int)e7;
        }
    }
}
