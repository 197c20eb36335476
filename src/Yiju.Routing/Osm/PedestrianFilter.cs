namespace Yiju.Routing.Osm;

/// <summary>
/// Decides which OSM ways a pedestrian may walk on. One place for the rule, so the graph, the
/// documentation and the tests agree.
/// <para>
/// Starting point: osm2pgrouting's pedestrian mapconfig (mapconfig_for_pedestrian.xml), the
/// configuration behind the pgRouting figures we compare against. It keeps road, primary,
/// secondary, tertiary (and their _link), residential, living_street, service, services,
/// unclassified, track, pedestrian, path, footway, steps, bridleway, byway and cycleway, and leaves
/// trunk and motorway out. Yiju differs from it in four documented ways:
/// </para>
/// <list type="number">
/// <item>It honours access tags, which osm2pgrouting ignores: <c>foot=no|private|use_sidepath</c>
/// removes a way; <c>access=no|private</c> removes it unless <c>foot</c> is yes, designated,
/// permissive or destination.</item>
/// <item>cycleway, bridleway and byway are kept only with an explicit <c>foot=yes|designated|permissive</c>:
/// China has no general right to walk on cycle tracks, and OSM's worldwide default for them varies.</item>
/// <item>highway=corridor (indoor passages, e.g. through a metro station) is kept.</item>
/// <item>trunk and trunk_link are left out by default, like osm2pgrouting, because in Chinese cities
/// they are mostly urban expressways (快速路) without footways; an explicit
/// <c>foot=yes|designated|permissive</c> keeps one, and <see cref="IncludeTrunk"/> brings them all in
/// for places where trunks are ordinary streets. <c>motorroad=yes</c> always excludes.</item>
/// </list>
/// motorway, motorway_link, construction, proposed, raceway, bus_guideway and any other value are
/// never walkable (a motorway with <c>foot=yes</c> is a tagging error, not a footpath).
/// </summary>
public sealed class PedestrianFilter
{
    private static readonly HashSet<string> Walkable = new(StringComparer.Ordinal)
    {
        "road", "primary", "primary_link", "secondary", "secondary_link", "tertiary", "tertiary_link",
        "residential", "living_street", "service", "services", "unclassified", "track", "pedestrian",
        "path", "footway", "steps", "corridor",
    };

    private static readonly HashSet<string> WalkableWhenFootAllowed = new(StringComparer.Ordinal)
    {
        "cycleway", "bridleway", "byway",
    };

    private static readonly HashSet<string> Trunk = new(StringComparer.Ordinal) { "trunk", "trunk_link" };

    public static PedestrianFilter Default { get; } = new(includeTrunk: false);

    /// <summary>
    /// osm2pgrouting's pedestrian mapconfig exactly: its class list, no access tags. Only for
    /// comparing graph sizes with pgRouting setups; it lets people walk on private roads.
    /// </summary>
    public static PedestrianFilter Osm2pgrouting { get; } = new(includeTrunk: false) { ClassesOnly = true, SplitAtAnyWay = true };

    public PedestrianFilter(bool includeTrunk)
    {
        IncludeTrunk = includeTrunk;
    }

    public bool IncludeTrunk { get; }

    /// <summary>
    /// Split walkable ways also where they meet ways that are not walkable (buildings, land use,
    /// motorways). osm2pgrouting counts a node's uses over every way in the file; Yiju's default
    /// counts walkable ways only, so it adds no vertex where nothing can be turned into.
    /// </summary>
    public bool SplitAtAnyWay { get; private init; }

    private bool ClassesOnly { get; init; }

    public bool IsWalkable(IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        string? highway = null;
        string? foot = null;
        string? access = null;
        string? motorroad = null;
        foreach (var (key, value) in tags)
        {
            switch (key)
            {
                case "highway":
                    highway = value;
                    break;
                case "foot":
                    foot = value;
                    break;
                case "access":
                    access = value;
                    break;
                case "motorroad":
                    motorroad = value;
                    break;
                default:
                    break;
            }
        }

        if (highway is null)
        {
            return false;
        }

        if (ClassesOnly)
        {
            return !string.Equals(highway, "corridor", StringComparison.Ordinal)
                && (Walkable.Contains(highway) || WalkableWhenFootAllowed.Contains(highway));
        }

        if (string.Equals(motorroad, "yes", StringComparison.Ordinal))
        {
            return false;
        }

        if (foot is "no" or "private" or "use_sidepath")
        {
            return false;
        }

        var footExplicitlyAllowed = foot is "yes" or "designated" or "permissive";
        if (access is "no" or "private" && !(footExplicitlyAllowed || foot is "destination"))
        {
            return false;
        }

        if (Walkable.Contains(highway))
        {
            return true;
        }

        if (Trunk.Contains(highway))
        {
            return IncludeTrunk || footExplicitlyAllowed;
        }

        return WalkableWhenFootAllowed.Contains(highway) && footExplicitlyAllowed;
    }
}
