namespace CollabEdit.Web.Tests.Architecture;

/// <summary>Where the repository's source is: the folder above the test's output that holds CollabEdit.sln.</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CollabEdit.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No CollabEdit.sln above {AppContext.BaseDirectory}");
    }
}
