using Yiju.Housing.Domain;

namespace Yiju.Housing.Data;

public enum LotteryState
{
    /// <summary>Entrants frozen; hashes and the commitment published; waiting for the public random value.</summary>
    Prepared = 1,

    /// <summary>Drawn: the secret is revealed and the result is published.</summary>
    Drawn = 2,
}

/// <summary>
/// One lottery as stored: the published files byte for byte, so that what the download and the public page serve is
/// exactly what the draw used. The files never change once written; the draw only fills the draw columns.
/// </summary>
public sealed class LotteryRecord
{
    public Guid Id { get; set; }

    /// <summary>The lottery id written into the files (letters, digits, '-').</summary>
    public string Number { get; set; } = "";

    public string Title { get; set; } = "";
    public SchemeKind Scheme { get; set; }

    /// <summary>The project whose vacant flats are drawn; entrants come from its scheme and district.</summary>
    public Guid ProjectId { get; set; }
    public LotteryState State { get; set; }
    public string PublicRandomSource { get; set; } = "";
    public string CommitmentFileSha256 { get; set; } = "";
    public int EntrantCount { get; set; }
    public int FlatCount { get; set; }
    public int? AllocatedCount { get; set; }
    public DateTime PreparedUtc { get; set; }
    public DateTime? DrawnUtc { get; set; }
    public string? PublicRandomValue { get; set; }
    public byte[] EntrantsCsv { get; set; } = [];
    public byte[] FlatsCsv { get; set; } = [];
    public byte[] RulesJson { get; set; } = [];
    public byte[] CommitmentJson { get; set; } = [];
    public byte[]? DrawJson { get; set; }
    public byte[]? ResultCsv { get; set; }

    /// <summary>When the results notice (结果公示) ends, the civil date in China.</summary>
    public DateOnly? ResultNoticeEndsOn { get; set; }

    public long Version { get; set; }
}
