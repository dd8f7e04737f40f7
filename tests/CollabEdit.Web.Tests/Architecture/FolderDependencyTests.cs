using Xunit.Abstractions;

namespace CollabEdit.Web.Tests.Architecture;

/// <summary>
/// The folders of src/CollabEdit.Web depend on each other without cycles, so that each can be read and changed on
/// its own (the documents kernel at the bottom, the features and the HTTP adapters above it, Program.cs on top).
/// </summary>
public sealed class FolderDependencyTests(ITestOutputHelper output)
{
    [Fact]
    public void TheFoldersOfTheWebAppDependOnEachOtherWithoutCycles()
    {
        var graph = FolderGraph.OfWebApp();

        var cycles = graph.Cycles();

        output.WriteLine(graph.DescribeCycles());
        Assert.True(cycles.Count == 0,
            $"The folders of src/CollabEdit.Web form {cycles.Count} cycle(s); each step names the types that make it:\n{graph.DescribeCycles()}");
    }

    [Fact]
    public void NothingButTheCompositionRootItselfUsesTheCompositionRoot()
    {
        var graph = FolderGraph.OfWebApp();

        var users = graph.Edges.Where(pair => pair.Value.Contains(FolderGraph.Root)).Select(pair => pair.Key).ToList();

        Assert.True(users.Count == 0, $"{string.Join(", ", users)} use(s) the root files: {string.Join("; ", users.SelectMany(user => graph.Reasons(user, FolderGraph.Root)))}");
    }

    /// <summary>Writes the graph for the README (artifacts/folder-graph.md; scripts/folder-graph.sh prints it).</summary>
    [Fact]
    public void TheFolderGraphIsWrittenOutForTheReadme()
    {
        var graph = FolderGraph.OfWebApp();

        var text = $"# Folders of src/CollabEdit.Web and what each uses\n\n```mermaid\n{graph.ToMermaid()}```\n\n```text\n{graph}\n```\n\n"
            + $"## Cycles\n\n```text\n{(graph.Cycles().Count == 0 ? "(none)\n" : graph.DescribeCycles(reasonsPerStep: 1000))}```\n";
        var file = Path.Combine(SourceTree.Root, "artifacts", "folder-graph.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        output.WriteLine(text);

        Assert.Contains(FolderGraph.Root, graph.Folders);
        Assert.Contains("Features/Documents", graph.Folders);
    }

    [Fact]
    public void TheAnalysisSeesUsesInMethodBodiesNotOnlyInSignatures()
    {
        // Program.cs names its features' types only inside its top-level statements (a method body): Program has
        // no field, base type or signature that names them.
        var graph = FolderGraph.OfWebApp();

        Assert.Contains("Features/Commands", graph.Edges[FolderGraph.Root]);
        Assert.Contains("Storage", graph.Edges[FolderGraph.Root]);
        Assert.Contains(graph.Reasons(FolderGraph.Root, "Features/Realtime"), reason => reason.StartsWith("Program uses ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CollabEdit.Web.Features.Commands.DocumentService", "Features/Commands")]
    [InlineData("CollabEdit.Web.Storage.Migrations.Sqlite.Initial", "Storage")]
    [InlineData("CollabEdit.Web.Components.Pages.Home", "Components/Pages")]
    [InlineData("CollabEdit.Web.Components.App", "Components")]
    [InlineData("__Blazor.CollabEdit.Web.Components.Editing.ShareDialog.TypeInference", "Components/Editing")]
    [InlineData("Program", FolderGraph.Root)]
    [InlineData("CollabEdit.Web.SomethingAtTheRoot", FolderGraph.Root)]
    [InlineData("<PrivateImplementationDetails>", null)]
    [InlineData("<>f__AnonymousType0`2", null)]
    [InlineData("Microsoft.AspNetCore.OpenApi.Generated.Something", null)]
    public void EachTypeBelongsToTheFolderItsNamespaceNames(string type, string? folder) =>
        Assert.Equal(folder, FolderGraph.FolderOf(type));

    [Fact]
    public void ACycleIsNamedOnceWhicheverOfItsEdgesFindsIt()
    {
        var graph = new FolderGraph();
        graph.Add("Features/B", "Features/C", "B1 uses C1");
        graph.Add("Features/C", "Features/A", "C1 uses A1");
        graph.Add("Features/A", "Features/B", "A1 uses B1");
        graph.Add("Features/A", "Storage", "A1 uses S1");
        graph.Add(FolderGraph.Root, "Features/A", "Program uses A1");

        var cycles = graph.Cycles();

        Assert.Equal(["Features/A → Features/B → Features/C → Features/A"], cycles.Select(cycle => string.Join(" → ", cycle)));
        Assert.Contains("Features/C → Features/A: C1 uses A1", graph.DescribeCycles(), StringComparison.Ordinal);
        Assert.Equal(["Features/A, Features/B, Features/C"], graph.Knots().Select(knot => string.Join(", ", knot)));
    }

    [Fact]
    public void AGraphWithoutCyclesHasNone()
    {
        var graph = new FolderGraph();
        graph.Add(FolderGraph.Root, "Features/A", "Program uses A1");
        graph.Add("Features/A", "Features/B", "A1 uses B1");
        graph.Add(FolderGraph.Root, "Features/B", "Program uses B1");

        Assert.Empty(graph.Cycles());
        Assert.Empty(graph.Knots());
    }

    [Fact]
    public void TheAnalysisSeesTypesNamedByTypeofInAnAttribute()
    {
        var uses = TypeDependencies.Read(typeof(FolderDependencyTests).Assembly.Location);

        Assert.Contains(typeof(NamedOnlyByAnAttribute).FullName!, uses[typeof(NamingByAttribute).FullName!]);
    }
}

[AttributeUsage(AttributeTargets.Class)]
internal sealed class NamesATypeAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>For the test above: uses NamedOnlyByAnAttribute through its attribute's typeof alone.</summary>
[NamesAType(typeof(NamedOnlyByAnAttribute))]
internal sealed class NamingByAttribute;

internal sealed class NamedOnlyByAnAttribute;
