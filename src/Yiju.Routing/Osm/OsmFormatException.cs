namespace Yiju.Routing.Osm;

/// <summary>
/// The input is not a readable OpenStreetMap file (truncated, corrupt, or another format).
/// Readers throw this before any graph is handed out, so callers never see a partial import.
/// </summary>
public sealed class OsmFormatException : Exception
{
    public OsmFormatException(string message)
        : base(message)
    {
    }

    public OsmFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OsmFormatException()
    {
    }
}
