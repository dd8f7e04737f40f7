namespace CollabEdit.E2E;

/// <summary>
/// The publish output (<see cref="PublishedApp"/>) started once for its tests, from a working directory of its own and
/// with no connection string: the default database (data/collabedit.db) must land under the app's folder.
/// </summary>
public sealed class PublishedServer : IAsyncLifetime
{
    public AppServer Server { get; private set; } = default!;

    /// <summary>The app's folder.</summary>
    public string Folder { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Folder = await PublishedApp.FolderAsync();
        Server = new AppServer(new Dictionary<string, string> { ["ConnectionStrings__CollabEdit"] = "" }, published: Folder);
        await Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
