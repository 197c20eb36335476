using System.Globalization;
using System.Xml;

namespace Yiju.Routing.Osm;

/// <summary>
/// Streams an OSM XML file (https://wiki.openstreetmap.org/wiki/OSM_XML) with <see cref="XmlReader"/>,
/// so memory stays flat however large the file is.
/// </summary>
public static class OsmXmlReader
{
    public static void Read(string path, IOsmHandler handler)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Read(stream, handler);
    }

    public static void Read(Stream stream, IOsmHandler handler)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(handler);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            XmlResolver = null,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            if (reader.MoveToContent() != XmlNodeType.Element || !string.Equals(reader.LocalName, "osm", StringComparison.Ordinal))
            {
                throw new OsmFormatException($"This is not an OSM XML file: its root element is '{reader.LocalName}', not 'osm'.");
            }

            ReadContent(reader, handler);
        }
        catch (XmlException ex)
        {
            throw new OsmFormatException($"The OSM XML file is not well-formed or is truncated (line {ex.LineNumber}): {ex.Message}", ex);
        }
    }

    private static void ReadContent(XmlReader reader, IOsmHandler handler)
    {
        var refs = new List<long>();
        var tags = new List<KeyValuePair<string, string>>();
        if (reader.IsEmptyElement)
        {
            return;
        }

        var rootDepth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > rootDepth)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "node":
                    var id = Long(reader, "id");
                    handler.Node(id, CoordinateE7(reader, "lat", id), CoordinateE7(reader, "lon", id));
                    reader.Skip();
                    break;
                case "way":
                    ReadWay(reader, handler, refs, tags);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (reader.EOF && reader.Depth > 0)
        {
            throw new OsmFormatException("The OSM XML file ends before its closing </osm>: it is truncated.");
        }
    }

    private static void ReadWay(XmlReader reader, IOsmHandler handler, List<long> refs, List<KeyValuePair<string, string>> tags)
    {
        var id = Long(reader, "id");
        refs.Clear();
        tags.Clear();
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (string.Equals(reader.LocalName, "nd", StringComparison.Ordinal))
                    {
                        refs.Add(Long(reader, "ref"));
                    }
                    else if (string.Equals(reader.LocalName, "tag", StringComparison.Ordinal))
                    {
                        tags.Add(new KeyValuePair<string, string>(Required(reader, "k"), Required(reader, "v")));
                    }
                }

                reader.Skip();
            }
        }

        reader.Read();
        handler.Way(id, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(refs), tags);
    }

    private static string Required(XmlReader reader, string attribute) =>
        reader.GetAttribute(attribute)
        ?? throw new OsmFormatException($"An OSM XML <{reader.LocalName}> element lacks its '{attribute}' attribute (line {LineOf(reader)}).");

    private static long Long(XmlReader reader, string attribute)
    {
        var text = Required(reader, attribute);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new OsmFormatException($"The OSM XML attribute {attribute}='{text}' is not an integer (line {LineOf(reader)}).");
    }

    private static int CoordinateE7(XmlReader reader, string attribute, long nodeId)
    {
        var text = Required(reader, attribute);
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees) || degrees is < -180m or > 180m)
        {
            throw new OsmFormatException($"Node {nodeId} has an invalid {attribute}='{text}' (line {LineOf(reader)}).");
        }

        // Decimal parsing keeps the seven decimals OSM stores exact.
        return (int)Math.Round(degrees * 10_000_000m, MidpointRounding.AwayFromZero);
    }

    private static int LineOf(XmlReader reader) => reader is IXmlLineInfo info ? info.LineNumber : 0;
}
