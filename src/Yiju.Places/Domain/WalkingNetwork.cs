using Yiju.Kernel.Auditing;

namespace Yiju.Places.Domain;

/// <summary>
/// An imported OSM file: the source of the walking graph. The file itself is kept (a few MB) and the graph rebuilt
/// in memory from it on first use in each process, so web nodes stay stateless and no derived file can go stale.
/// Not audited row by row (the blob would bloat the chain); who imported it is kept here.
/// </summary>
[NotAudited]
public sealed class WalkingNetwork
{
    public long Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public int VertexCount { get; set; }
    public int EdgeCount { get; set; }
    public int EstimatedUnits { get; set; }
    public DateTime ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
}
