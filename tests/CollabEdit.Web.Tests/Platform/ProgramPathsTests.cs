using CollabEdit.Web.Features.Problems;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>The one "is this request from a program?" test, one case per kind of path.</summary>
public sealed class ProgramPathsTests
{
    [Theory]
    [InlineData("/api")]
    [InlineData("/api/documents/plan")]
    [InlineData("/API/Documents")]
    public void TheApiIsForPrograms(string path) => Assert.True(ProgramPaths.IsForPrograms(path));

    [Theory]
    [InlineData("/hubs/documents")]
    [InlineData("/hubs/documents/negotiate")]
    public void TheHubsAreForPrograms(string path) => Assert.True(ProgramPaths.IsForPrograms(path));

    [Fact]
    public void TheEditorsUploadsAreForPrograms() => Assert.True(ProgramPaths.IsForPrograms("/editor/uploads/0a1b"));

    [Fact]
    public void TheOpenApiDocumentIsForPrograms() => Assert.True(ProgramPaths.IsForPrograms("/openapi/v1.json"));

    [Theory]
    [InlineData("/")]
    [InlineData("/docs/plan")]
    [InlineData("/account/sign-in")]
    [InlineData("/not-found")]
    public void APageIsForPeople(string path) => Assert.False(ProgramPaths.IsForPrograms(path));

    [Theory]
    [InlineData("/assets/collabedit.js")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    public void StaticAssetsAreForPeoplesPages(string path) => Assert.False(ProgramPaths.IsForPrograms(path));

    [Theory]
    [InlineData("/apis")]
    [InlineData("/editorial")]
    [InlineData("/docs/api")]
    public void OnlyWholeLeadingSegmentsCount(string path) => Assert.False(ProgramPaths.IsForPrograms(path));

    [Fact]
    public void TheAccountSetupAndTheStatusCodePagesAskTheSameTest()
    {
        // Both places name ProgramPaths; a copy of the rule in either would be a second test that can drift.
        var root = RepositoryRoot();
        var program = File.ReadAllText(Path.Combine(root, "src", "CollabEdit.Web", "Program.cs"));
        var accounts = File.ReadAllText(Path.Combine(root, "src", "CollabEdit.Web", "Features", "Accounts", "AccountSetup.cs"));
        Assert.Contains("ProgramPaths.IsForPrograms", program, StringComparison.Ordinal);
        Assert.Contains("ProgramPaths.IsForPrograms", accounts, StringComparison.Ordinal);
        Assert.DoesNotContain("StartsWithSegments(\"/api\")", program + accounts, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CollabEdit.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("CollabEdit.sln not found above the test's folder.");
    }
}
