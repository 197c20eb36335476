namespace Yiju.Routing.Osm;

/// <summary>
/// Receives the nodes and ways of an OSM file as they are decoded. Relations are not reported:
/// the walking network needs none of them.
/// </summary>
public interface IOsmHandler
{
    /// <param name="latE7">Latitude in units of 1e-7 degree, the precision OSM stores.</param>
    /// <param name="lonE7">Longitude in units of 1e-7 degree.</param>
    void Node(long id, int latE7, int lonE7);

    /// <param name="refs">Node ids in way order; only valid during the call.</param>
    /// <param name="tags">Tags of the way; only valid during the call.</param>
    void Way(long id, ReadOnlySpan<long> refs, IReadOnlyList<KeyValuePair<string, string>> tags);
}
