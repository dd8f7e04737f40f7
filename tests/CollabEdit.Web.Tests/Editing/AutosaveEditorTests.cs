using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>
/// The editor with autosave on, against the real documents core and SQLite file, the browser's editor stood in for:
/// saves go as rebased changes, never open the merge dialog by themselves, and bring others' versions in.
/// </summary>
public sealed class AutosaveEditorTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task AnAutosaveSendsTheChangesAndSaysNothingButTheStatus()
    {
        var (created, _) = await _client.CreateAsync("Autosave quiet", "one\ntwo\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = true };
        var editor = await OpenAsync(created.Slug, browser);

        Type(editor, browser, "one\ntwo\nthree\n");
        var answer = await editor.As("Bo").AutoSaveAsync(CancellationToken.None);

        Assert.Equal(AutosaveAnswer.Done, answer);
        Assert.Equal("one\ntwo\nthree\n", (await GetAsync(created.Slug)).Content);
        Assert.NotNull(Assert.Single(browser.Snapshots).Changes);
        Assert.Null(editor.Notice);
        Assert.False(editor.IsDirty);
        Assert.Equal((2, 2), (editor.BaseVersion, browser.BaseVersion));
    }

    [Fact]
    public async Task WithAutosaveOffASaveIsAPlainGuardedSaveAsBefore()
    {
        var (created, _) = await _client.CreateAsync("Autosave off", "one\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = false };
        var editor = await OpenAsync(created.Slug, browser);

        Type(editor, browser, "one\ntwo\n");
        var answer = await editor.As("Bo").AutoSaveAsync(CancellationToken.None);
        Assert.Equal(AutosaveAnswer.Done, answer);
        Assert.Empty(browser.Snapshots); // an autosave asked for while off does nothing
        await editor.As("Bo").SaveAsync(CancellationToken.None);

        Assert.Equal("Saved as v2.", editor.Notice);
        Assert.Equal("one\ntwo\n", (await GetAsync(created.Slug)).Content);
    }

    [Fact]
    public async Task ANewerVersionMeetingUnsavedWorkAsksTheBrowserToSaveNowInsteadOfShowingTheNotice()
    {
        var (created, etag) = await _client.CreateAsync("Bump while typing", "a\nb\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = true };
        var editor = await OpenAsync(created.Slug, browser);
        Type(editor, browser, "a by Bo\nb\n");

        var theirs = await PutAsync(created.Slug, "a\nb by Ana\n", etag);
        await editor.OnVersionBumpedAsync(Bump(theirs), CancellationToken.None);

        Assert.Equal(1, browser.SavesAsked);
        Assert.Null(editor.Merge);
        Assert.Equal("a by Bo\nb\n", browser.Text);
    }

    [Fact]
    public async Task ANewerVersionMeetingUnsavedWorkWithAutosaveOffWaitsForAPersonAsBefore()
    {
        var (created, etag) = await _client.CreateAsync("Bump autosave off", "a\nb\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = false };
        var editor = await OpenAsync(created.Slug, browser);
        Type(editor, browser, "a by Bo\nb\n");

        var theirs = await PutAsync(created.Slug, "a\nb by Ana\n", etag);
        await editor.OnVersionBumpedAsync(Bump(theirs), CancellationToken.None);

        Assert.Equal(0, browser.SavesAsked);
        Assert.True(editor.HasIncoming);
    }

    [Fact]
    public async Task WithNothingUnsavedANewerVersionIsFollowedInPlaceWithoutANotice()
    {
        var (created, etag) = await _client.CreateAsync("Follow quietly", "a\nb\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = true };
        var editor = await OpenAsync(created.Slug, browser);

        var theirs = await PutAsync(created.Slug, "a\nb by Ana\n", etag);
        await editor.OnVersionBumpedAsync(Bump(theirs), CancellationToken.None);

        Assert.Equal(("a\nb by Ana\n", 2), (browser.Text, browser.BaseVersion));
        Assert.Null(editor.Notice);
    }

    [Fact]
    public async Task SwitchingAutosaveOnWithUnsavedTextSavesAtOnceAndTheBrowserRemembersTheChoice()
    {
        var (created, _) = await _client.CreateAsync("Switch autosave", "a\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = false };
        var editor = await OpenAsync(created.Slug, browser);
        Type(editor, browser, "a\nb\n");

        await editor.SetAutosaveAsync(true);
        Assert.Equal((true, true, 1), (editor.Autosave, browser.AutosaveOn, browser.SavesAsked));

        await editor.SetAutosaveAsync(false);
        Assert.Equal((false, false, 1), (editor.Autosave, browser.AutosaveOn, browser.SavesAsked));
    }

    [Fact]
    public async Task AnAutosaveThatMeetsANewerVersionIsRebasedOntoItWithoutTheMergeDialog()
    {
        var (created, etag) = await _client.CreateAsync("Rebased autosave", "first paragraph\n\nsecond paragraph\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = true };
        var editor = await OpenAsync(created.Slug, browser);
        Type(editor, browser, "first paragraph by Bo\n\nsecond paragraph\n");
        await PutAsync(created.Slug, "first paragraph\n\nsecond paragraph by Ana\n", etag);

        var answer = await editor.As("Bo").AutoSaveAsync(CancellationToken.None);

        Assert.Equal(AutosaveAnswer.Done, answer);
        Assert.Null(editor.Merge);
        var saved = await GetAsync(created.Slug);
        Assert.Equal("first paragraph by Bo\n\nsecond paragraph by Ana\n", saved.Content);
        Assert.Equal((saved.Content, 3, 3), (browser.Text, browser.BaseVersion, editor.BaseVersion));
        Assert.False(editor.IsDirty);
        Assert.Empty(browser.Conflicts);
        Assert.Null(editor.Notice);
    }

    [Fact]
    public async Task TheSameWordsChangedByBothComeBackAsAnInlineConflictThatKeepsBothTexts()
    {
        var (created, etag) = await _client.CreateAsync("Inline conflict", "The cat sat on the mat.\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = true };
        var editor = await OpenAsync(created.Slug, browser);
        Type(editor, browser, "The dog sat on the mat.\n");
        await PutAsync(created.Slug, "The bird sat on the mat.\n", etag);

        await editor.As("Bo").AutoSaveAsync(CancellationToken.None);

        Assert.Null(editor.Merge);
        var (conflict, author) = Assert.Single(browser.Conflicts);
        Assert.Equal("Ana", author);
        Assert.Contains("dog", conflict.Mine, StringComparison.Ordinal);
        Assert.Contains("bird", conflict.Theirs, StringComparison.Ordinal);
        Assert.Equal(conflict.Theirs, browser.Text[conflict.From..conflict.To]);
        Assert.Contains("bird", (await GetAsync(created.Slug)).Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADraftOfAnOlderVersionComesBackOnItsOwnBaseAndIsAutosavedOntoTheNewest()
    {
        var (created, etag) = await _client.CreateAsync("Draft autosaved", "a\nb\nc\n");
        await PutAsync(created.Slug, "a\nb\nc by Ana\n", etag);
        var browser = new BrowserEditorStandIn { AutosaveOn = true };
        browser.KeepDraft(1, "Draft autosaved", "a by Bo\nb\nc\n");

        var editor = await OpenAsync(created.Slug, browser);
        Assert.Equal((1, 1), (editor.BaseVersion, browser.BaseVersion));
        Assert.Null(editor.Merge);
        Assert.Equal(1, browser.SavesAsked);

        await editor.As("Bo").AutoSaveAsync(CancellationToken.None);

        Assert.Equal("a by Bo\nb\nc by Ana\n", (await GetAsync(created.Slug)).Content);
        Assert.Equal(("a by Bo\nb\nc by Ana\n", 3), (browser.Text, browser.BaseVersion));
        Assert.False(browser.IsDirty);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnAutosaveFromABrowserAheadOfTheCircuitsBaseCountsOnlyWhatThisPersonTyped(bool sendsChanges)
    {
        // Three typists in one paragraph: the browser followed Ana's version while the circuit's base stayed on the one
        // before (a save's answer and a follow interleaved). "Mine" counted from the circuit's base would hold Ana's words.
        var (created, etag) = await _client.CreateAsync("Browser ahead", "One two three.\n");
        var browser = new BrowserEditorStandIn { AutosaveOn = true, SendsChanges = sendsChanges };
        var editor = await OpenAsync(created.Slug, browser);
        var (anas, anasETag) = await PutWithETagAsync(created.Slug, "One two three. Ana wrote this.\n", etag);
        Assert.True(await browser.FollowAsync(anas.Content, anas.Version, anas.Title));
        var (cys, _) = await PutWithETagAsync(created.Slug, "One two three. Ana wrote this. Cy too.\n", anasETag);
        Assert.Equal(1, editor.BaseVersion);

        Type(editor, browser, "Bo: One two three. Ana wrote this.\n");
        var answer = await editor.As("Bo").AutoSaveAsync(CancellationToken.None);

        Assert.Equal(AutosaveAnswer.Done, answer);
        var saved = await GetAsync(created.Slug);
        Assert.Equal("Bo: One two three. Ana wrote this. Cy too.\n", saved.Content);
        Assert.Equal(cys.Version + 1, saved.Version);
        Assert.Empty(browser.Conflicts);
        Assert.Equal((saved.Content, saved.Version, saved.Version), (browser.Text, browser.BaseVersion, editor.BaseVersion));
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
    private static void Type(DocumentEditor editor, BrowserEditorStandIn browser, string text)
    {
        browser.Type(text);
        editor.OnDirtyChanged(browser.IsDirty);
    }

    private async Task<DocumentResponse> PutAsync(string slug, string content, string etag)
    {
        using var response = await _client.SendAsync(ApiClient.Put(slug, new { content }, etag, "Ana"));
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync<DocumentResponse>();
    }

    private async Task<(DocumentResponse Document, string ETag)> PutWithETagAsync(string slug, string content, string etag)
    {
        using var response = await _client.SendAsync(ApiClient.Put(slug, new { content }, etag, "Ana"));
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<DocumentResponse>(), response.Headers.ETag!.ToString());
    }

    private async Task<DocumentResponse> GetAsync(string slug) =>
        (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{slug}", ApiClient.Json))!;

    private static VersionBump Bump(DocumentResponse version) =>
        new(version.Id, version.Version, "", version.UpdatedBy, version.UpdatedAt, 0, 0);
}
