using System.Text.Json;
using System.Threading.Channels;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>
/// DocumentHub.SaveChanges, the save scripts and the load benchmark send, through the .NET SignalR client over
/// WebSockets to the app on real Kestrel: the editor's autosave command, rebased when others saved meanwhile.
/// </summary>
public sealed class HubSaveTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _api = app.CreateRealClient();
    private readonly List<HubConnection> _connections = [];

    [Fact]
    public async Task ChangesOnTheCurrentVersionAreSavedAsTheyAreAndFollowersReceiveThem()
    {
        var (document, _) = await _api.CreateAsync("Hub save", "one\ntwo\n");
        var (_, bumps) = await FollowAsync(document.Id, "Carl");
        var ana = await ConnectAsync("Ana");

        var result = await SaveAsync(ana, document.Id, 1, ChangeSet.Of(8, [new TextChange(4, 7, "TWO")]));

        Assert.Equal((2, true, null), (result.Version, result.Changed, result.ToSaved));
        Assert.Empty(result.Conflicts);
        var bump = await bumps.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((2, result.ETag, "Ana"), (bump.Version, bump.ETag, bump.Author));
        Assert.Equal("one\nTWO\n", bump.ChangesFrom(1, 8)!.Apply("one\ntwo\n"));
    }

    [Fact]
    public async Task ChangesOnAnOldVersionAreRebasedAndTheAnswerTurnsTheSendersTextIntoTheSavedOne()
    {
        var (document, _) = await _api.CreateAsync("Hub rebase", "one\ntwo\nthree\n");
        var ana = await ConnectAsync("Ana");
        var bo = await ConnectAsync("Bo");
        var (_, bumps) = await FollowAsync(document.Id, "Carl");
        await SaveAsync(ana, document.Id, 1, ChangeSet.Of(14, [new TextChange(0, 3, "ONE")]));
        var bos = ChangeSet.Of(14, [new TextChange(8, 13, "THREE")]);

        var result = await SaveAsync(bo, document.Id, 1, bos);

        Assert.Equal((3, true), (result.Version, result.Changed));
        Assert.Empty(result.Conflicts);
        var toSaved = ChangeSetJson.Read(result.ToSaved!.Value);
        Assert.Equal("ONE\ntwo\nTHREE\n", toSaved.Apply(bos.Apply("one\ntwo\nthree\n")));
        // Followers are told what changed from the newest version the save was rebased onto (v2), not from its base.
        var v2 = await bumps.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var v3 = await bumps.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((2, 3, 2), (v2.Version, v3.Version, v3.BaseVersion));
        Assert.Equal("ONE\ntwo\nTHREE\n", v3.ChangesFrom(2, 14)!.Apply("ONE\ntwo\nthree\n"));
    }

    [Fact]
    public async Task TheSameWordChangedByBothComesBackAsAConflictWithMineAndTheirs()
    {
        var (document, _) = await _api.CreateAsync("Hub conflict", "the cat sat\n");
        var ana = await ConnectAsync("Ana");
        var bo = await ConnectAsync("Bo");
        await SaveAsync(ana, document.Id, 1, ChangeSet.Of(12, [new TextChange(4, 7, "dog")]));

        var result = await SaveAsync(bo, document.Id, 1, ChangeSet.Of(12, [new TextChange(4, 7, "cow")]));

        Assert.Equal((2, false), (result.Version, result.Changed));
        var conflict = Assert.Single(result.Conflicts);
        Assert.Contains("cow", conflict.Mine, StringComparison.Ordinal);
        Assert.Equal("dog", "the dog sat\n"[conflict.From..conflict.To].Trim());
        Assert.Equal("the dog sat\n", ChangeSetJson.Read(result.ToSaved!.Value).Apply("the cow sat\n"));
    }

    [Fact]
    public async Task ALockedDocumentRefusesTheSaveInPlainWords()
    {
        var (document, _) = await _api.CreateAsync("Hub locked", "a\n");
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{document.Id}/lock") { Headers = { { "X-Author", "Olga" } } })
        using (var locked = await _api.SendAsync(request))
        {
            locked.EnsureSuccessStatusCode();
        }

        var ana = await ConnectAsync("Ana");

        var refused = await Assert.ThrowsAsync<HubException>(() => SaveAsync(ana, document.Id, 1, ChangeSet.Of(2, [new TextChange(0, 1, "b")])));

        Assert.Contains("locked by Olga", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesThatAreNotAChangeSetOrForAnotherTextOrAnUnknownDocumentAreRefusedInPlainWords()
    {
        var (document, _) = await _api.CreateAsync("Hub bad changes", "a\n");
        var ana = await ConnectAsync("Ana");

        var notChanges = await Assert.ThrowsAsync<HubException>(() =>
            ana.InvokeAsync<HubSaveResult>(nameof(DocumentHub.SaveChanges), document.Id, 1, JsonDocument.Parse("{\"x\":1}").RootElement, (string?)null));
        var misfit = await Assert.ThrowsAsync<HubException>(() => SaveAsync(ana, document.Id, 1, ChangeSet.Of(9, [new TextChange(0, 1, "b")])));
        var unknown = await Assert.ThrowsAsync<HubException>(() => SaveAsync(ana, Guid.NewGuid(), 1, ChangeSet.Of(2, [new TextChange(0, 1, "b")])));

        Assert.Contains("not a change set", notChanges.Message, StringComparison.Ordinal);
        Assert.Contains("9 characters; v1 has 2", misfit.Message, StringComparison.Ordinal);
        Assert.EndsWith("HubException: There is no such document.", unknown.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _api.Dispose();
    }

    private static Task<HubSaveResult> SaveAsync(HubConnection connection, Guid documentId, int baseVersion, ChangeSet changes, string? title = null) =>
        connection.InvokeAsync<HubSaveResult>(nameof(DocumentHub.SaveChanges), documentId, baseVersion, JsonDocument.Parse(ChangeSetJson.ToJson(changes)).RootElement, title);

    private async Task<HubConnection> ConnectAsync(string name)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}={Uri.EscapeDataString(name)}"), HttpTransportType.WebSockets)
            .Build();
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    private async Task<(HubConnection Connection, ChannelReader<VersionBump> Bumps)> FollowAsync(Guid documentId, string name)
    {
        var bumps = Channel.CreateUnbounded<VersionBump>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}={Uri.EscapeDataString(name)}"), HttpTransportType.WebSockets)
            .Build();
        _connections.Add(connection);
        connection.On<VersionBump>(nameof(IDocumentClient.VersionBumped), bump => bumps.Writer.TryWrite(bump));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), documentId);
        return (connection, bumps.Reader);
    }
}
