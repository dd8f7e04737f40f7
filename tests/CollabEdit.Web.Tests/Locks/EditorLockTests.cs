using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Locks;

/// <summary>
/// The lock as the editor meets it, against the real core, the real announcements and storage, with the browser's
/// editor stood in for: a save and a merge refused in plain words (never a merge dialog), and an open editor that turns
/// read-only the moment an owner locks, and back on unlock.
/// </summary>
public sealed class EditorLockTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ASaveOfALockedDocumentIsRefusedInPlainWordsNeverAsAMergeAndTheTextIsKept()
    {
        var (created, _) = await _client.CreateAsync("Locked in the editor", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        await LockAsync(created.Id, "Ana");

        Type(editor, browser, "two\n");
        await editor.As("Bo").SaveAsync(CancellationToken.None);

        Assert.Null(editor.Merge);
        Assert.StartsWith("Not saved. Locked by Ana just now: ask an owner to unlock it.", editor.Error, StringComparison.Ordinal);
        Assert.Contains("Your text is still here and kept in this browser.", editor.Error, StringComparison.Ordinal);
        Assert.Equal("two\n", browser.Text);
        Assert.True(browser.IsReadOnly);
        Assert.True(editor.IsReadOnly);
        Assert.Equal(1, (await GetAsync(created.Slug)).Version);
    }

    [Fact]
    public async Task TheMergeDialogsSaveOfALockedDocumentIsRefusedAndTheMergedTextStaysInTheEditorUnsaved()
    {
        var (created, etag) = await _client.CreateAsync("Locked merge", "top\nmiddle\nbottom\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        using (var theirs = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "top\nmiddle\nbottom by Ana\n" }, etag, "Ana")))
        {
            theirs.EnsureSuccessStatusCode();
        }

        Type(editor, browser, "top by Bo\nmiddle\nbottom\n");
        await editor.As("Bo").SaveAsync(CancellationToken.None);
        Assert.True(editor.Merge!.CanSave);
        await LockAsync(created.Id, "Ana");

        await editor.As("Bo").SaveMergeAsync(CancellationToken.None);

        Assert.Null(editor.Merge);
        Assert.StartsWith("Not saved. Locked by Ana", editor.Error, StringComparison.Ordinal);
        // The merge is Bo's work: its result waits in the editor, unsaved, on top of the version it merged with.
        Assert.Equal("top by Bo\nmiddle\nbottom by Ana\n", browser.Text);
        Assert.True(editor.IsDirty);
        Assert.True(browser.IsReadOnly);
        Assert.Equal(2, editor.BaseVersion);
        Assert.Equal(2, (await GetAsync(created.Slug)).Version);
    }

    [Fact]
    public async Task AnOpenEditorTurnsReadOnlyTheMomentAnOwnerLocksAndBackOnUnlock()
    {
        var (created, _) = await _client.CreateAsync("Locked live", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var heard = new SemaphoreSlim(0);
        using var subscription = factory.Services.GetRequiredService<IVersionFeed>().SubscribeLocks(created.Id, async change =>
        {
            await editor.OnLockChangedAsync(change);
            heard.Release();
        });
        Type(editor, browser, "typed before the lock\n");

        await LockAsync(created.Id, "Ana");
        Assert.True(await heard.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.True(browser.IsReadOnly);
        Assert.True(editor.IsLocked);
        Assert.StartsWith("Locked by Ana just now: it can be read, not changed.", editor.Notice, StringComparison.Ordinal);
        Assert.Contains("Your unsaved text is still here", editor.Notice, StringComparison.Ordinal);
        Assert.Equal("typed before the lock\n", browser.Text);

        using (var unlocked = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{created.Id}/lock") { Headers = { { "X-Author", "Ana" } } }))
        {
            unlocked.EnsureSuccessStatusCode();
        }

        Assert.True(await heard.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(browser.IsReadOnly);
        Assert.False(editor.IsLocked);
        Assert.Equal("An owner unlocked this document: you can edit it again.", editor.Notice);
    }

    [Fact]
    public async Task AnOwnerLocksAndUnlocksFromTheEditor()
    {
        var (created, _) = await _client.CreateAsync("Lock from the editor", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);

        await editor.As("Olga").SetLockAsync(true, CancellationToken.None);

        Assert.True(editor.IsLocked);
        Assert.True(browser.IsReadOnly);
        Assert.True((await GetAsync(created.Slug)).Locked);

        await editor.As("Olga").SetLockAsync(false, CancellationToken.None);

        Assert.False(editor.IsLocked);
        Assert.False(browser.IsReadOnly);
        Assert.False((await GetAsync(created.Slug)).Locked);
    }

    private async Task LockAsync(Guid id, string author)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{id}/lock");
        request.Headers.Add("X-Author", author);
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private async Task<DocumentEditor> OpenAsync(string slug, BrowserEditorStandIn browser)
    {
        var editor = factory.Services.GetRequiredService<DocumentEditor>();
        editor.DraftOwner = "name:Bo";
        Assert.True(await editor.LoadAsync(slug, CancellationToken.None));
        await editor.AttachAsync(browser, CancellationToken.None);
        editor.OnDirtyChanged(browser.IsDirty);
        return editor;
    }

    private static void Type(DocumentEditor editor, BrowserEditorStandIn browser, string text)
    {
        browser.Type(text);
        editor.OnDirtyChanged(browser.IsDirty);
    }

    private async Task<DocumentResponse> GetAsync(string slug) =>
        (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{slug}", ApiClient.Json))!;
}
