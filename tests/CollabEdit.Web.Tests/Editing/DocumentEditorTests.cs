using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>The editor's logic against the real documents core and SQLite file, with the browser's editor stood in for.</summary>
public sealed class DocumentEditorTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ADraftOfAnOlderVersionIsMergedOntoTheCurrentOneWhenItComesBack()
    {
        var (created, etag) = await _client.CreateAsync("Draft rebase", "a\nb\nc\nd\ne\n");
        await PutAsync(created.Slug, "a\nb\nc\nd\nE by Ana\n", etag);
        var browser = new BrowserEditorStandIn();
        browser.KeepDraft(1, "Draft rebase", "A in my draft\nb\nc\nd\ne\n");

        var editor = await OpenAsync(created.Slug, browser);

        Assert.Equal("A in my draft\nb\nc\nd\nE by Ana\n", browser.Text);
        Assert.Null(editor.Merge);
        Assert.True(editor.IsDirty);
        Assert.True(browser.IsDirty);
        Assert.Contains("brought up to v2", editor.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConflictingOldDraftOpensTheMergeInsteadOfOverwriting()
    {
        var (created, etag) = await _client.CreateAsync("Draft conflict", "a\nb\nc\n");
        await PutAsync(created.Slug, "a\nB by Ana\nc\n", etag);
        var browser = new BrowserEditorStandIn();
        browser.KeepDraft(1, "Draft conflict", "a\nB in my draft\nc\n");

        var editor = await OpenAsync(created.Slug, browser);

        var merge = Assert.IsType<MergeSession>(editor.Merge);
        Assert.Single(merge.Conflicts);
        Assert.Equal(2, merge.TheirsVersion);
        Assert.Equal("a\nB in my draft\nc\n", merge.Mine);
        Assert.Equal("a\nB in my draft\nc\n", browser.Text);
        Assert.True(browser.IsReadOnly);
    }

    [Fact]
    public async Task AConflictingDraftStaysOnItsVersionThroughReloadsAndSavingItOpensTheMergeUntilTheMergeIsSaved()
    {
        var (created, etag) = await _client.CreateAsync("Draft through reloads", "a\nb\nc\n");
        await PutAsync(created.Slug, "a\nB by Ana\nc\n", etag);
        var browser = new BrowserEditorStandIn();
        browser.KeepDraft(1, "Draft through reloads", "a\nB in my draft\nc\n");

        // Reloaded twice, cancelling the merge each time: the draft is still based on v1, not on v2.
        var editor = await OpenAsync(created.Slug, browser);
        for (var reload = 0; reload < 2; reload++)
        {
            Assert.NotNull(editor.Merge);
            await editor.CancelMergeAsync();
            Assert.Equal((1, 1), (editor.BaseVersion, browser.BaseVersion));
            Assert.True(editor.HasIncoming);
            browser = browser.Reloaded();
            editor = await OpenAsync(created.Slug, browser);
        }

        // Save on such a draft meets v2 and opens the merge (base v1, mine the draft, theirs v2): nothing is overwritten.
        await editor.CancelMergeAsync();
        await editor.As("Bo").SaveAsync(CancellationToken.None);
        var merge = Assert.IsType<MergeSession>(editor.Merge);
        Assert.Equal((1, 2), (merge.BaseVersion, merge.TheirsVersion));
        Assert.Equal(("a\nb\nc\n", "a\nB in my draft\nc\n", "a\nB by Ana\nc\n"), (merge.BaseText, merge.Mine, merge.Theirs));
        Assert.Equal(2, (await GetAsync(created.Slug)).Version);

        merge.Choose(0, CollabEdit.Merging.ConflictChoice.TheirsThenMine);
        await editor.As("Bo").SaveMergeAsync(CancellationToken.None);

        Assert.Equal("a\nB by Ana\nB in my draft\nc\n", (await GetAsync(created.Slug)).Content);
        Assert.Equal((3, 3), (editor.BaseVersion, browser.BaseVersion));
        Assert.False(browser.IsDirty);
        Assert.Null(await browser.Reloaded().StoredDraftAsync());
    }

    [Fact]
    public async Task DiscardingADraftThatWasNotMergedGoesBackToTheNewestVersion()
    {
        var (created, etag) = await _client.CreateAsync("Discard unmerged", "a\nb\nc\n");
        await PutAsync(created.Slug, "a\nB by Ana\nc\n", etag);
        var browser = new BrowserEditorStandIn();
        browser.KeepDraft(1, "Discard unmerged", "a\nB in my draft\nc\n");
        var editor = await OpenAsync(created.Slug, browser);
        await editor.CancelMergeAsync();

        await editor.DiscardDraftAsync(CancellationToken.None);

        Assert.Equal(("a\nB by Ana\nc\n", 2, 2), (browser.Text, browser.BaseVersion, editor.BaseVersion));
        Assert.False(browser.IsDirty);
        Assert.False(editor.HasIncoming);
    }

    [Fact]
    public async Task AStaleSaveOpensTheMergeAndSavingItLandsOnTheNewVersion()
    {
        var (created, etag) = await _client.CreateAsync("Stale save", "top\nmiddle\nbottom\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        await PutAsync(created.Slug, "top\nmiddle\nbottom by Ana\n", etag);

        Type(editor, browser, "top by Bo\nmiddle\nbottom\n");
        await editor.As("Bo").SaveAsync(CancellationToken.None);
        Assert.True(editor.Merge!.CanSave);
        Assert.True(browser.IsReadOnly);
        await editor.As("Bo").SaveMergeAsync(CancellationToken.None);

        var saved = await GetAsync(created.Slug);
        Assert.Equal("top by Bo\nmiddle\nbottom by Ana\n", saved.Content);
        Assert.Equal(3, saved.Version);
        Assert.Equal(saved.Content, browser.Text);
        Assert.Null(editor.Merge);
        Assert.False(editor.IsDirty);
        Assert.False(browser.IsDirty);
        Assert.False(browser.IsReadOnly);
    }

    [Fact]
    public async Task ContentOverTheLimitIsRefusedInPlainWordsAndTheTextKept()
    {
        var (created, _) = await _client.CreateAsync("Too large in the editor", "small\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var huge = new string('x', (int)new DocumentLimits().MaxContentBytes + 1);
        Type(editor, browser, huge);

        await editor.As("Ana").SaveAsync(CancellationToken.None);

        Assert.StartsWith("Not saved: the document is too large", editor.Error, StringComparison.Ordinal);
        Assert.Null(editor.Notice);
        Assert.True(editor.IsDirty);
        Assert.Equal(huge, browser.Text);
        Assert.Equal(1, (await GetAsync(created.Slug)).Version);
    }

    [Fact]
    public async Task SavingWithoutAChangeMakesNoVersion()
    {
        var (created, _) = await _client.CreateAsync("Empty save", "same\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);

        await editor.As("Ana").SaveAsync(CancellationToken.None);
        Type(editor, browser, "changed\n");
        Type(editor, browser, "same\n");
        await editor.As("Ana").SaveAsync(CancellationToken.None);

        Assert.Equal(1, (await GetAsync(created.Slug)).Version);
        Assert.StartsWith("Nothing to save", editor.Notice, StringComparison.Ordinal);
        Assert.False(editor.IsDirty);
        Assert.Null(editor.Error);
    }

    [Fact]
    public async Task BothRenamingTheDocumentIsATitleConflictThatTheUserResolves()
    {
        var (created, etag) = await _client.CreateAsync("Budget", "text\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        await PutAsync(created.Slug, "text\n", etag, title: "Budget 2027");

        Type(editor, browser, "text\n", title: "Budget (draft)");
        await editor.As("Bo").SaveAsync(CancellationToken.None);

        var merge = Assert.IsType<MergeSession>(editor.Merge);
        Assert.True(merge.HasTitleConflict);
        Assert.Empty(merge.Conflicts);
        Assert.False(merge.CanSave);
        merge.ChooseTitle("Budget 2027 (draft)");
        await editor.As("Bo").SaveMergeAsync(CancellationToken.None);

        var saved = await GetAsync(created.Slug);
        Assert.Equal("Budget 2027 (draft)", saved.Title);
        Assert.Equal(3, saved.Version);
        Assert.Equal("Budget 2027 (draft)", browser.Title);
    }

    [Fact]
    public async Task ARenameOnOneSideOnlyMergesByItself()
    {
        var (created, etag) = await _client.CreateAsync("Plan", "a\nb\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        await PutAsync(created.Slug, "a\nb\n", etag, title: "Plan 2027");

        Type(editor, browser, "a\nb by Bo\n");
        await editor.As("Bo").SaveAsync(CancellationToken.None);
        Assert.False(editor.Merge!.HasTitleConflict);
        await editor.As("Bo").SaveMergeAsync(CancellationToken.None);

        var saved = await GetAsync(created.Slug);
        Assert.Equal(("Plan 2027", "a\nb by Bo\n"), (saved.Title, saved.Content));
    }

    [Fact]
    public async Task WithoutLocalChangesANewVersionIsFollowedInPlace()
    {
        var (created, etag) = await _client.CreateAsync("Follow", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var v2 = await PutAsync(created.Slug, "two\n", etag);

        await editor.OnVersionBumpedAsync(Bump(v2), CancellationToken.None);

        Assert.Equal(("two\n", 2), (browser.Text, browser.BaseVersion));
        Assert.Equal(2, editor.BaseVersion);
        Assert.False(editor.HasIncoming);
    }

    [Fact]
    public async Task ANewVersionNeverReplacesTextTypedJustBefore()
    {
        var (created, etag) = await _client.CreateAsync("Typed", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var v2 = await PutAsync(created.Slug, "two\n", etag);

        // The keystroke reached the browser's editor, but the server has not heard of it yet.
        browser.Type("one, and a word\n");
        await editor.OnVersionBumpedAsync(Bump(v2), CancellationToken.None);

        Assert.Equal("one, and a word\n", browser.Text);
        Assert.Equal(1, editor.BaseVersion);
        Assert.True(editor.HasIncoming);
    }

    [Fact]
    public async Task RestoringAnOldRevisionSavesItAsANewVersionButNeverOverUnsavedText()
    {
        var (created, etag) = await _client.CreateAsync("Restore", "one\n");
        await PutAsync(created.Slug, "two\n", etag);
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);

        Type(editor, browser, "unsaved\n");
        await editor.As("Bo").RestoreRevisionAsync(1, CancellationToken.None);
        Assert.Equal((2, "unsaved\n"), (editor.BaseVersion, browser.Text));

        Type(editor, browser, "two\n");
        await editor.As("Bo").SaveAsync(CancellationToken.None);
        await editor.As("Bo").RestoreRevisionAsync(1, CancellationToken.None);

        Assert.Equal(3, editor.BaseVersion);
        Assert.Equal("one\n", (await GetAsync(created.Slug)).Content);
        Assert.False(browser.IsDirty);
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

    /// <summary>Types in the browser, which tells the server that unsaved changes appeared (as editor.js does).</summary>
    private static void Type(DocumentEditor editor, BrowserEditorStandIn browser, string text, string? title = null)
    {
        browser.Type(text, title);
        editor.OnDirtyChanged(browser.IsDirty);
    }

    private async Task<DocumentResponse> PutAsync(string slug, string content, string etag, string? title = null)
    {
        using var response = await _client.SendAsync(ApiClient.Put(slug, new { content, title }, etag, "Ana"));
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync<DocumentResponse>();
    }

    private async Task<DocumentResponse> GetAsync(string slug) =>
        (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{slug}", ApiClient.Json))!;

    private static VersionBump Bump(DocumentResponse version) =>
        new(version.Id, version.Version, "", version.UpdatedBy, version.UpdatedAt, 0, 0);
}
