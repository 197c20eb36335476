using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace Yiju.Hotline.Api;

/// <summary>A small document tree that GeoReport v2 writes both as JSON and as XML (no namespaces, UTF-8).</summary>
public abstract record ONode;

/// <summary>A string, number, boolean, date or null.</summary>
public sealed record OValue(object? Value) : ONode;

public sealed record OObject(IReadOnlyList<KeyValuePair<string, ONode>> Fields) : ONode;

/// <summary>A list; in XML each item is an element named <see cref="ItemName"/> inside the list's element.</summary>
public sealed record OArray(string ItemName, IReadOnlyList<ONode> Items) : ONode;

public static class Open311Format
{
    public const string Json = "json";
    public const string Xml = "xml";

    public static OObject Obj(params (string Name, object? Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, ONode>(f.Name, f.Value as ONode ?? new OValue(f.Value)))]);

    public static string ContentType(string format) => format == Xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";

    public static byte[] Write(ONode root, string rootName, string format) => format == Xml ? WriteXml(root, rootName) : WriteJson(root);

    private static byte[] WriteJson(ONode root)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteJson(writer, root);
        return stream.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter w, ONode node)
    {
        switch (node)
        {
            case OObject o:
                w.WriteStartObject();
                foreach (var (name, value) in o.Fields)
                {
                    w.WritePropertyName(name);
                    WriteJson(w, value);
                }
                w.WriteEndObject();
                break;
            case OArray a:
                w.WriteStartArray();
                foreach (var item in a.Items)
                    WriteJson(w, item);
                w.WriteEndArray();
                break;
            case OValue { Value: null }:
                w.WriteNullValue();
                break;
            case OValue { Value: bool b }:
                w.WriteBooleanValue(b);
                break;
            case OValue { Value: int i }:
                w.WriteNumberValue(i);
                break;
            case OValue { Value: double d }:
                w.WriteNumberValue(d);
                break;
            case OValue v:
                w.WriteStringValue(Text(v.Value));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
    }

    private static byte[] WriteXml(ONode root, string rootName)
    {
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            writer.WriteStartDocument();
            WriteXml(writer, rootName, root);
            writer.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void WriteXml(XmlWriter w, string name, ONode node)
    {
        w.WriteStartElement(name);
        switch (node)
        {
            case OObject o:
                foreach (var (field, value) in o.Fields)
                    WriteXml(w, field, value);
                break;
            case OArray a:
                foreach (var item in a.Items)
                    WriteXml(w, a.ItemName, item);
                break;
            case OValue { Value: null }:
                break;
            case OValue v:
                w.WriteString(Text(v.Value));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
        w.WriteEndElement();
    }

    /// <summary>ISO 8601 with the offset (+08:00 for Asia/Shanghai), as the spec asks; numbers and booleans invariant.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset d => d.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
