namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// Every document change goes one way, the command pipeline, which takes its one write token: no other caller takes a
/// write token, names the write policy, or asks the access gate for a change by hand. Read from the sources, so that a
/// new caller that does so fails here rather than costing a browser save two tokens again.
/// </summary>
public sealed class OneWayForEveryChangeTests
{
    private static readonly string Web = Path.Combine(RepositoryRoot(), "src", "CollabEdit.Web");

    [Fact]
    public void OnlyTheCommandPipelineTakesAWriteTokenOutsideTheAccountsAndTheLimitsThemselves()
    {
        var takers = Sources()
            .Where(f => Read(f).Contains("RateLimitKind.Writes", StringComparison.Ordinal) || Read(f).Contains("WriteRateLimiting.PolicyName", StringComparison.Ordinal))
            .Select(Relative)
            // The accounts endpoints (sign-up, sign-in, tokens) keep their own limits: they change no document.
            .Where(f => !f.StartsWith("Features/RateLimiting/", StringComparison.Ordinal) && f != "Features/Api/AccountsApi.cs")
            .ToList();

        Assert.Equal(["Features/Commands/CommandPipeline.cs"], takers);
    }

    [Fact]
    public void TheGateIsAskedByThePipelineForChangesAndByTheReadSideForReadsOnly()
    {
        var askers = Sources().Where(f => Read(f).Contains(".EnterAsync(", StringComparison.Ordinal)).Select(Relative).ToList();

        // The pipeline (the action each handler declares), create's look at a slug it cannot see, the reads.
        Assert.Equal(
            ["Features/Access/DocumentSharing.cs", "Features/Commands/CommandPipeline.cs", "Features/Commands/CreateDocumentHandler.cs", "Features/Commands/DocumentService.cs"],
            askers);
        Assert.All(askers.Where(f => f != "Features/Commands/CommandPipeline.cs"), f =>
            Assert.DoesNotMatch(@"EnterAsync\([^;]*DocumentAction\.(Edit|Manage|Own)", Read(Path.Combine(Web, f))));
    }

    private static IEnumerable<string> Sources() =>
        Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string Read(string file) => File.ReadAllText(file);

    private static string Relative(string file) => Path.GetRelativePath(Web, file).Replace(Path.DirectorySeparatorChar, '/');

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
