namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// Every handler that stores content (through the save port or the store's create) says what it may cost, so that the
/// command pipeline checks the owner's storage allowance for it: a new way to write text (a PATCH, an import) that
/// forgets to would write past the allowance unchecked. Read from the sources, as <see cref="OneWayForEveryChangeTests"/> does.
/// </summary>
public sealed class AllowanceOnEveryWriteTests
{
    [Fact]
    public void EveryHandlerThatStoresContentDeclaresItsStorageCost()
    {
        var commands = Path.Combine(RepositoryRoot(), "src", "CollabEdit.Web", "Features", "Commands");
        var writers = Directory.EnumerateFiles(commands, "*Handler.cs")
            .Where(f => File.ReadAllText(f) is var source
                && (source.Contains("IVersionWriter", StringComparison.Ordinal) || source.Contains(".CreateAsync(", StringComparison.Ordinal)))
            .ToList();

        Assert.Contains(writers, f => f.EndsWith("SaveDocumentHandler.cs", StringComparison.Ordinal));
        Assert.Contains(writers, f => f.EndsWith("CreateDocumentHandler.cs", StringComparison.Ordinal));
        Assert.All(writers, f => Assert.Contains("public long? StorageCost(", File.ReadAllText(f), StringComparison.Ordinal));
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
