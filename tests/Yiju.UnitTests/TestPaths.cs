namespace Yiju.UnitTests;

/// <summary>Finds the repository root and the shared data folder beside it, from wherever the tests run.</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>../shared/data relative to the repository: the real data the tests read (not shipped).</summary>
    public static string SharedData => Path.Combine(Path.GetDirectoryName(RepositoryRoot)!, "shared", "data");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yiju.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Yiju.slnx not found above " + AppContext.BaseDirectory);
    }
}
