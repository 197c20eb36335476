namespace Yiju.Routing.Osm;

/// <summary>Chooses the PBF or XML reader from the file's first bytes, not its name.</summary>
public static class OsmReader
{
    public static void Read(string path, IOsmHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Read(stream, handler);
    }

    public static void Read(Stream stream, IOsmHandler handler)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        var buffered = stream;
        if (!stream.CanSeek)
        {
            // Format detection peeks at the first bytes, which needs a stream that can rewind.
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            buffered = copy;
        }

        var start = buffered.Position;
        Span<byte> head = stackalloc byte[64];
        var read = buffered.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        buffered.Position = start;
        if (read == 0)
        {
            throw new OsmFormatException("The OSM file is empty.");
        }

        if (LooksLikeXml(head[..read]))
        {
            OsmXmlReader.Read(buffered, handler);
        }
        else
        {
            OsmPbfReader.Read(buffered, handler);
        }
    }

    private static bool LooksLikeXml(ReadOnlySpan<byte> head)
    {
        // A UTF-8 byte order mark or leading whitespace may precede the XML declaration.
        foreach (var b in head)
        {
            if (b is 0xEF or 0xBB or 0xBF or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }
}
