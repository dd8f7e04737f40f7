using System.Text.RegularExpressions;

namespace CollabEdit.Web.Tests.Architecture;

/// <summary>The README draws the features' folder graph; this keeps the drawing true to the compiled app.</summary>
public sealed partial class ReadmeFolderGraphTests
{
    [Fact]
    public void TheReadmesFolderGraphIsTheFeaturesGraphOfTheCode()
    {
        var readme = File.ReadAllText(Path.Combine(SourceTree.Root, "README.md"));
        var start = readme.IndexOf("<!-- folder-graph:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- folder-graph:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no folder graph between its markers");
        var drawn = Edge().Matches(readme[start..end]).Select(m => $"{m.Groups[1].Value} --> {m.Groups[2].Value}").ToHashSet();

        var graph = FolderGraph.OfWebApp();
        var actual = graph.Edges
            .Where(edge => IsFeatureOrStorage(edge.Key))
            .SelectMany(edge => edge.Value.Where(IsFeatureOrStorage).Select(to => $"{Node(edge.Key)} --> {Node(to)}"))
            .ToHashSet();

        var missing = actual.Except(drawn).Order().ToList();
        var gone = drawn.Except(actual).Order().ToList();
        Assert.True(missing.Count == 0 && gone.Count == 0,
            $"Redraw the README's graph (scripts/folder-graph.sh).\nIn the code, not drawn:\n{string.Join("\n", missing)}\nDrawn, not in the code:\n{string.Join("\n", gone)}");
    }

    private static bool IsFeatureOrStorage(string folder) => folder.StartsWith("Features/", StringComparison.Ordinal) || folder == "Storage";

    private static string Node(string folder) => folder.Replace("/", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*(\w+) --> (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Edge();
}
