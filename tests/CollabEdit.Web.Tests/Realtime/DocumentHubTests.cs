using System.Threading.Channels;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>The document hub through the .NET SignalR client, over WebSockets to the app on real Kestrel.</summary>
public sealed class DocumentHubTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _api = app.CreateRealClient();
    private readonly List<HubConnection> _connections = [];

    [Fact]
    public async Task EveryFollowerGetsOneBumpPerVersionWithItsETagAndOneWhoLeftGetsNone()
    {
        var (document, etag) = await _api.CreateAsync("Hub bumps", "one\n");
        var (ana, anaBumps) = await FollowAsync(document.Id, "Ana");
        var (_, boBumps) = await FollowAsync(document.Id, "Bo");
        var (carl, carlBumps) = await FollowAsync(document.Id, "Carl");
        await carl.InvokeAsync(nameof(DocumentHub.LeaveDocument), document.Id);

        using var save = await _api.SendAsync(ApiClient.Put(document.Slug, new { content = "one\ntwo\n" }, etag, "Dee"));
        var newETag = save.Headers.ETag!.ToString();

        foreach (var bumps in new[] { anaBumps, boBumps })
        {
            var bump = await bumps.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal((2, newETag, "Dee", 1, 0), (bump.Version, bump.ETag, bump.Author, bump.LinesAdded, bump.LinesRemoved));
        }

        await Task.Delay(300); // a duplicate would have arrived by now
        Assert.False(anaBumps.TryRead(out _));
        Assert.False(boBumps.TryRead(out _));
        Assert.False(carlBumps.TryRead(out _));
        Assert.Equal(HubConnectionState.Connected, ana.State);
    }

    [Fact]
    public async Task FollowersHearALockAndAnUnlockAsTheyCommitWithWhoAndWhen()
    {
        var (document, _) = await _api.CreateAsync("Hub lock", "one\n");
        var locks = Channel.CreateUnbounded<CollabEdit.Web.Features.Documents.LockChange>();
        var ana = Connect("Ana");
        ana.On<CollabEdit.Web.Features.Documents.LockChange>(nameof(IDocumentClient.LockChanged), change => locks.Writer.TryWrite(change));
        await ana.StartAsync();
        await ana.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);

        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{document.Id}/lock") { Headers = { { "X-Author", "Olga" } } })
        using (var locked = await _api.SendAsync(request))
        {
            locked.EnsureSuccessStatusCode();
        }

        var heard = await locks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((document.Id, true, "Olga", 1), (heard.DocumentId, heard.Locked, heard.LockedBy, heard.Version));
        Assert.NotNull(heard.LockedAt);

        using (var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{document.Id}/lock") { Headers = { { "X-Author", "Olga" } } })
        using (var unlocked = await _api.SendAsync(request))
        {
            unlocked.EnsureSuccessStatusCode();
        }

        heard = await locks.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((false, null), (heard.Locked, heard.LockedBy));
    }

    [Fact]
    public async Task PresenceListsWhoHasTheDocumentOpenAndForgetsAConnectionThatStopped()
    {
        var (document, _) = await _api.CreateAsync("Hub presence", "x\n");
        var anaPresence = Channel.CreateUnbounded<Presence>();
        var ana = Connect("Ana");
        ana.On<Presence>(nameof(IDocumentClient.PresenceChanged), p => anaPresence.Writer.TryWrite(p));
        await ana.StartAsync();
        await ana.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        var (bo, _) = await FollowAsync(document.Id, "Bo");

        await WaitForAsync(anaPresence, p => p.Viewers.Select(v => v.Name).SequenceEqual(["Ana", "Bo"]));
        await bo.StopAsync();

        await WaitForAsync(anaPresence, p => p.Viewers.Select(v => v.Name).SequenceEqual(["Ana"]));
    }

    [Fact]
    public async Task JoiningADocumentThatDoesNotExistIsRefused()
    {
        var connection = Connect("Ana");
        await connection.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(DocumentHub.JoinDocument), Guid.NewGuid()));

        Assert.Contains("no such document", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, connection.State);

        // An expected refusal is not an error in the server's log.
        Assert.DoesNotContain(app.Logs, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("JoinDocument", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConnectionMayFollowAtMostTwentyDocuments()
    {
        var connection = Connect("Ana");
        await connection.StartAsync();
        for (var i = 0; i < DocumentHub.MaxDocumentsPerConnection; i++)
        {
            var (document, _) = await _api.CreateAsync($"Many {i}", "");
            await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        }

        var (oneTooMany, _) = await _api.CreateAsync("One too many", "");
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(DocumentHub.JoinDocument), oneTooMany.Id));

        Assert.Contains("at most 20 documents", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageOverTheHubsLimitClosesOnlyThatConnection()
    {
        var (document, _) = await _api.CreateAsync("Oversized", "");
        var (other, otherBumps) = await FollowAsync(document.Id, "Bo");
        var connection = Connect("Ana");
        var closed = new TaskCompletionSource<Exception?>();
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        _ = connection.InvokeAsync(nameof(DocumentHub.Typing), new string('x', 40 * 1024));

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Connected, other.State);
        var (_, etag) = await _api.CreateAsync("Still serving", "");
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.False(otherBumps.TryRead(out _));
    }

    [Theory]
    [InlineData("Ana\u0001", "control characters")]
    [InlineData("Ana\r\nBo", "control characters")]
    [InlineData("Ana\u202E", "direction-changing")]
    public async Task ANameThatIsNotPlainIsRefusedNotShortened(string name, string reason)
    {
        var (document, _) = await _api.CreateAsync($"Bad name {name.Length}", "");
        var connection = Connect(name);
        await connection.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
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

    private HubConnection Connect(string name)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}={Uri.EscapeDataString(name)}"), HttpTransportType.WebSockets)
            .Build();
        _connections.Add(connection);
        return connection;
    }

    private async Task<(HubConnection Connection, ChannelReader<VersionBump> Bumps)> FollowAsync(Guid documentId, string name)
    {
        var bumps = Channel.CreateUnbounded<VersionBump>();
        var connection = Connect(name);
        connection.On<VersionBump>(nameof(IDocumentClient.VersionBumped), bump => bumps.Writer.TryWrite(bump));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), documentId);
        return (connection, bumps.Reader);
    }

    private static async Task WaitForAsync(Channel<Presence> presence, Func<Presence, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition(await presence.Reader.ReadAsync(timeout.Token)))
        {
        }
    }
}
