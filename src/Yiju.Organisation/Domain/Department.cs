using Yiju.Kernel.Auditing;

namespace Yiju.Organisation.Domain;

/// <summary>A city department (市住建局) or centre (12345热线中心) that leads tasks or receives tickets.</summary>
public sealed class Department : IVersioned
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
