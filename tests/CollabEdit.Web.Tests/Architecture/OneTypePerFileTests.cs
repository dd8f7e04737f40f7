using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CollabEdit.Web.Tests.Architecture;

/// <summary>
/// Every top-level type of src/ lives in a file named after it, alone: a newcomer finds a type by its name, and a
/// file's name says all it holds. Read with Roslyn's parser from the source files (not the compiled assemblies,
/// which do not say which file a type came from). Generated code is left out: obj/, bin/ and EF's migrations.
/// </summary>
public sealed class OneTypePerFileTests
{
    /// <summary>
    /// A small record or enum may stay beside its only user. Each entry: the file, the type that may stay there,
    /// and why. Keep it short; an entry whose type has left its file fails the test below, so it cannot go stale.
    /// </summary>
    private static readonly (string File, string Type, string Why)[] AllowedNeighbours = [];

    [Fact]
    public void EveryTopLevelTypeOfSrcLivesAloneInAFileNamedAfterIt()
    {
        var offenders = new List<string>();
        foreach (var (file, types) in TopLevelTypesByFile())
        {
            var named = NameOf(file);
            var strangers = types
                .Where(type => type != named)
                .Where(type => !AllowedNeighbours.Any(allowed => allowed.File == file && allowed.Type == type))
                .ToList();
            if (strangers.Count > 0 || (types.Count > 0 && !types.Contains(named)))
            {
                offenders.Add($"{file}: holds {string.Join(", ", types)}");
            }
        }

        Assert.True(offenders.Count == 0,
            $"{offenders.Count} file(s) of src/ hold a type not named by the file, or several (move each into <Type>.cs, "
            + $"or allow a small record or enum beside its only user in {nameof(AllowedNeighbours)}, with a reason):\n"
            + string.Join('\n', offenders));
    }

    [Fact]
    public void EveryAllowedNeighbourIsStillWhereTheListSays()
    {
        var files = TopLevelTypesByFile();

        var stale = AllowedNeighbours.Where(allowed => !files.TryGetValue(allowed.File, out var types) || !types.Contains(allowed.Type)).ToList();

        Assert.True(stale.Count == 0, $"Remove from {nameof(AllowedNeighbours)}: {string.Join(", ", stale.Select(entry => $"{entry.Type} in {entry.File}"))}");
    }

    [Theory]
    [InlineData("src/CollabEdit.Web/Components/Pages/Home.razor.cs", "Home")]
    [InlineData("src/CollabEdit.Merging/MergePlan.cs", "MergePlan")]
    [InlineData("src/CollabEdit.Web/Features/Realtime/DocumentHub.Log.cs", "DocumentHub")]
    public void AFileIsNamedAfterWhatComesBeforeItsFirstDot(string file, string type) =>
        Assert.Equal(type, NameOf(file));

    [Fact]
    public void NestedTypesAndTypesInBlockNamespacesAreToldApart()
    {
        var types = TopLevelTypes("""
            namespace A { public class Outer { private sealed class Inner; } public enum Kind { One } }
            public delegate void Handler();
            """);

        Assert.Equal(["Outer", "Kind", "Handler"], types);
    }

    private static string NameOf(string file) => Path.GetFileName(file).Split('.')[0];

    private static Dictionary<string, List<string>> TopLevelTypesByFile()
    {
        var src = Path.Combine(SourceTree.Root, "src");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(SourceTree.Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "obj" or "bin" or "Migrations"))
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => path, path => TopLevelTypes(File.ReadAllText(Path.Combine(SourceTree.Root, path))), StringComparer.Ordinal);
    }

    private static List<string> TopLevelTypes(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        return root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .Select(node => node switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier.Text,
                DelegateDeclarationSyntax @delegate => @delegate.Identifier.Text,
                _ => null,
            })
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
