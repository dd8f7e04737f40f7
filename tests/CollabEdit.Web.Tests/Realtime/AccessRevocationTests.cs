using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>
/// Access changes take effect on live connections at once: a person removed (or lowered) stops receiving the
/// document's versions on the hub and may no longer type there; their open editor turns read-only or closes, keeping
/// their text; a document shared with them appears in their list without a reload. Secure default, real Kestrel.
/// </summary>
public sealed class AccessRevocationTests(SecureKestrelAppFactory app) : IClassFixture<SecureKestrelAppFactory>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    [Fact]
    public async Task ARemovedPersonsHubConnectionLosesTheFeedAtOnceAndTheirCallsAreRefused()
    {
        var ana = await app.SignUpAsync("ana", "Ana");
        var bo = await app.SignUpAsync("bo", "Bo");
        var (document, _) = await ana.Client.CreateAsync("Revoked on the hub", "one\n");
        await ana.GrantAsync(document.Id, bo, "editor");
        var (anas, anaBumps, _) = await JoinAsync(ana, document.Id);
        var (bos, boBumps, boChanges) = await JoinAsync(bo, document.Id);

        using (var removed = await ana.Client.DeleteAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(bo.Email)}"))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        var change = await boChanges.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((document.Id, (DocumentRole?)null, (DocumentRole?)DocumentRole.Editor), (change.DocumentId, change.Role, change.Before));
        using (var save = await ana.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "two, which Bo may not see\n", baseVersion = 1 })))
        {
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        }

        Assert.Equal(2, (await anaBumps.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Version);
        await Task.Delay(300); // Bo's copy, if he still had the feed, would have come with Ana's
        Assert.False(boBumps.Reader.TryRead(out _));
        var typing = await Assert.ThrowsAsync<HubException>(() => bos.InvokeAsync(nameof(DocumentHub.Typing), document.Id));
        Assert.Contains("Join the document first", typing.Message, StringComparison.Ordinal);
        var join = await Assert.ThrowsAsync<HubException>(() => bos.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id));
        Assert.Contains("no such document", join.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, anas.State);
    }

    [Fact]
    public async Task ALoweredPersonsSubscriptionEndsAndJoiningAgainIsCheckedAgainstTheNewRole()
    {
        var ana = await app.SignUpAsync("ana", "Ana");
        var bo = await app.SignUpAsync("bo", "Bo");
        var (document, _) = await ana.Client.CreateAsync("Lowered on the hub", "one\n");
        await ana.GrantAsync(document.Id, bo, "editor");
        var (bos, boBumps, boChanges) = await JoinAsync(bo, document.Id);

        await ana.GrantAsync(document.Id, bo, "viewer");

        var change = await boChanges.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((DocumentRole?)DocumentRole.Viewer, change.Role);
        await Assert.ThrowsAsync<HubException>(() => bos.InvokeAsync(nameof(DocumentHub.Typing), document.Id));
        await bos.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        using (await ana.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "two\n", baseVersion = 1 })))
        {
        }

        Assert.Equal(2, (await boBumps.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).Version);
    }

    [Fact]
    public async Task AnOpenEditorTurnsReadOnlyWhenLoweredAndClosesWhenRemovedKeepingTheUnsavedText()
    {
        var ana = await app.SignUpAsync("ana", "Ana");
        var bo = await app.SignUpAsync("bo", "Bo");
        var (document, _) = await ana.Client.CreateAsync("Revoked in the editor", "one\n");
        await ana.GrantAsync(document.Id, bo, "editor");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenEditorAsync(bo, document.Slug, browser);
        var bumps = new ConcurrentQueue<VersionBump>();
        using var feed = app.Services.GetRequiredService<IAccessFeed>().SubscribeDocument(document.Id, editor.OnAccessChangedAsync);
        browser.Type("one\nBo's unsaved line\n");
        editor.OnDirtyChanged(browser.IsDirty);
        Assert.False(editor.IsReadOnly);

        await ana.GrantAsync(document.Id, bo, "viewer");
        await WaitUntilAsync(() => editor.IsReadOnly);

        Assert.True(browser.IsReadOnly);
        Assert.Equal(DocumentRole.Viewer, editor.Role);
        Assert.Contains("made you a viewer", editor.Notice, StringComparison.Ordinal);
        Assert.Equal("one\nBo's unsaved line\n", browser.Text);
        Assert.True(browser.IsDirty);

        using (await ana.Client.DeleteAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(bo.Email)}"))
        {
        }

        await WaitUntilAsync(() => editor.AccessRemoved);
        Assert.Contains("removed your access", editor.Error, StringComparison.Ordinal);
        Assert.Contains("kept in this browser", editor.Error, StringComparison.Ordinal);
        Assert.Equal("one\nBo's unsaved line\n", browser.Text);
        Assert.True(editor.IsDirty);
        // A closed editor no longer follows the document.
        await editor.OnVersionBumpedAsync(new VersionBump(document.Id, 9, "\"x\"", "Ana", DateTime.UtcNow, 1, 0), CancellationToken.None);
        Assert.Null(editor.Incoming);
    }

    [Fact]
    public async Task AnEditorMadeEditorAgainCanEditAgain()
    {
        var ana = await app.SignUpAsync("ana", "Ana");
        var bo = await app.SignUpAsync("bo", "Bo");
        var (document, _) = await ana.Client.CreateAsync("Raised in the editor", "one\n");
        await ana.GrantAsync(document.Id, bo, "viewer");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenEditorAsync(bo, document.Slug, browser);
        using var feed = app.Services.GetRequiredService<IAccessFeed>().SubscribeDocument(document.Id, editor.OnAccessChangedAsync);
        Assert.True(browser.IsReadOnly);

        await ana.GrantAsync(document.Id, bo, "editor");
        await WaitUntilAsync(() => !editor.IsReadOnly);

        Assert.False(browser.IsReadOnly);
    }

    [Fact]
    public async Task ADocumentSharedWithSomeoneReachesTheirListFeedAndTheirHubConnections()
    {
        var ana = await app.SignUpAsync("ana", "Ana");
        var bo = await app.SignUpAsync("bo", "Bo");
        var boId = await UserIdAsync(bo);
        var (document, _) = await ana.Client.CreateAsync("Shared live", "one\n");
        var heard = Channel.CreateUnbounded<AccessChange>();
        using var list = app.Services.GetRequiredService<IAccessFeed>().SubscribeUser(boId, change => heard.Writer.WriteAsync(change).AsTask());
        var (_, _, boChanges) = await ConnectAsync(bo);

        await ana.GrantAsync(document.Id, bo, "editor");

        var change = await heard.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((document.Id, (DocumentRole?)DocumentRole.Editor, (DocumentRole?)null), (change.DocumentId, change.Role, change.Before));
        Assert.Equal(document.Id, (await boChanges.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5))).DocumentId);
        // What the list reloads with, once told.
        var page = await app.Services.GetRequiredService<DocumentService>().ListAsync(
            new DocumentQuery(0, 50, "Shared live", DocumentStateFilter.Active), new DocumentActor("Bo", UserId: boId), CancellationToken.None);
        Assert.Contains(page.Value!.Items, d => d.Id == document.Id);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<DocumentEditor> OpenEditorAsync(Account account, string slug, BrowserEditorStandIn browser)
    {
        var editor = app.Services.GetRequiredService<DocumentEditor>();
        editor.Actor = new DocumentActor(account.DisplayName, Agent: "editor", UserId: await UserIdAsync(account));
        Assert.True(await editor.LoadAsync(slug, CancellationToken.None));
        await editor.AttachAsync(browser, CancellationToken.None);
        return editor;
    }

    private async Task<string> UserIdAsync(Account account)
    {
        await using var scope = app.OpenDb();
        return await scope.Db.Users.Where(u => u.Email == account.Email).Select(u => u.Id).SingleAsync();
    }

    private async Task<(HubConnection Connection, Channel<VersionBump> Bumps, Channel<AccessChange> Changes)> JoinAsync(Account account, Guid documentId)
    {
        var connected = await ConnectAsync(account);
        await connected.Connection.InvokeAsync(nameof(DocumentHub.JoinDocument), documentId);
        return connected;
    }

    private async Task<(HubConnection Connection, Channel<VersionBump> Bumps, Channel<AccessChange> Changes)> ConnectAsync(Account account)
    {
        var bumps = Channel.CreateUnbounded<VersionBump>();
        var changes = Channel.CreateUnbounded<AccessChange>();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, DocumentHub.Path), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(account.AccessToken))
            .Build();
        _connections.Add(connection);
        connection.On<VersionBump>(nameof(IDocumentClient.VersionBumped), b => bumps.Writer.TryWrite(b));
        connection.On<AccessChange>(nameof(IDocumentClient.AccessChanged), c => changes.Writer.TryWrite(c));
        await connection.StartAsync();
        return (connection, bumps, changes);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 5 s.");
            await Task.Delay(20);
        }
    }
}
