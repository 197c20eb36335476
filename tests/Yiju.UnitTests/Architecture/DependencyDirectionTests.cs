using System.Xml.Linq;

namespace Yiju.UnitTests.Architecture;

/// <summary>Dependencies point inwards: Web and Cli → Data and modules → Kernel; modules never reference each other; Routing references nothing of ours.</summary>
public class DependencyDirectionTests
{
    private static readonly string[] Modules = ["Yiju.Organisation", "Yiju.Programme", "Yiju.Hotline", "Yiju.Places", "Yiju.Housing"];

    private static IReadOnlyList<string> ReferencesOf(string project)
    {
        var path = Path.Combine(TestPaths.RepositoryRoot, "src", project, project + ".csproj");
        return XDocument.Load(path).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value))
            .ToList();
    }

    private static IEnumerable<string> ExistingModules() =>
        Modules.Where(m => Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "src", m)));

    [Fact]
    public void Modules_reference_only_the_kernel_or_routing()
    {
        var existing = ExistingModules().ToList();
        Assert.Contains("Yiju.Organisation", existing);
        foreach (var module in existing)
        {
            var allowed = module == "Yiju.Places" ? new[] { "Yiju.Kernel", "Yiju.Routing" } : ["Yiju.Kernel"];
            var wrong = ReferencesOf(module).Except(allowed).ToList();
            Assert.True(wrong.Count == 0, $"{module} references {string.Join(", ", wrong)}; modules may reference only Yiju.Kernel.");
        }
    }

    [Fact]
    public void Kernel_and_Routing_reference_nothing_of_ours()
    {
        Assert.Empty(ReferencesOf("Yiju.Kernel"));
        if (Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "src", "Yiju.Routing")))
            Assert.Empty(ReferencesOf("Yiju.Routing"));
    }

    [Fact]
    public void Data_references_the_kernel_and_modules_only()
    {
        var wrong = ReferencesOf("Yiju.Data").Where(r => r != "Yiju.Kernel" && !Modules.Contains(r)).ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void The_dependency_check_notices_a_violation()
    {
        // Guard against a test that cannot fail: the same check applied to the web host (which may reference modules) must flag it.
        var web = ReferencesOf("Yiju.Web").Except(["Yiju.Kernel"]).ToList();
        Assert.NotEmpty(web);
    }
}
