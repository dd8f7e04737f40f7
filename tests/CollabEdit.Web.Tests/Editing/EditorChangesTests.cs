using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>
/// The editor saves what changed since its base and follows a newer version by what changed since the one it shows
/// (real documents core and database, the browser's editor stood in for): byte for byte the same texts as whole-text
/// saves and follows, and the whole text wherever changes cannot be trusted.
/// </summary>
public sealed class EditorChangesTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>, IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly List<IDisposable> _listening = [];

    [Fact]
    public async Task ASmallEditIsSavedAsChangesAndTheNextOneAsChangesToTheNewVersion()
    {
        var original = string.Concat(Enumerable.Range(0, 2000).Select(i => $"Line {i} of a long document.\n"));
        var (created, _) = await _client.CreateAsync("Saved as changes", original);
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);

        Type(editor, browser, original.Insert(1000, "typed "));
        await editor.SaveAsync(CancellationToken.None);
        Type(editor, browser, browser.Text + "The end.\n");
        await editor.SaveAsync(CancellationToken.None);

        Assert.Equal(
            [(1, "[1000,[0,\"typed \"]," + (original.Length - 1000) + "]"), (2, "[" + (original.Length + 6) + ",[0,\"The end.\",\"\"]]")],
            browser.Snapshots.Select(s => (s.Changes!.BaseVersion, ChangeSetJson.ToJson(s.Changes.Changes))));
        Assert.Equal(original.Insert(1000, "typed ") + "The end.\n", (await GetAsync(created.Slug)).Content);
        Assert.Equal((3, 3, false), (editor.BaseVersion, browser.BaseVersion, browser.IsDirty));
        Assert.Equal(browser.Text, editor.BaseText);
    }

    [Fact]
    public async Task WithoutChangesFromTheBrowserTheWholeTextIsSaved()
    {
        var (created, _) = await _client.CreateAsync("Whole text", "one\n");
        var browser = new BrowserEditorStandIn { SendsChanges = false };
        var editor = await OpenAsync(created.Slug, browser);

        Type(editor, browser, "one\ntwo\n");
        await editor.SaveAsync(CancellationToken.None);

        Assert.Null(Assert.Single(browser.Snapshots).Changes);
        Assert.Equal("one\ntwo\n", (await GetAsync(created.Slug)).Content);
    }

    [Fact]
    public async Task ABaseTextWithCarriageReturnsIsNeverChangedByPositionsButSavedWhole()
    {
        var (created, _) = await _client.CreateAsync("CRLF", "one\r\ntwo\r\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);

        Type(editor, browser, "one\r\ntwo\r\nthree\r\n");
        await editor.SaveAsync(CancellationToken.None);

        Assert.Null(Assert.Single(browser.Snapshots).Changes);
        Assert.Equal("one\r\ntwo\r\nthree\r\n", (await GetAsync(created.Slug)).Content);
    }

    [Fact]
    public async Task ChangesForAnotherBaseThanTheEditorsAreNotSentTheWholeTextIs()
    {
        var (created, _) = await _client.CreateAsync("Other base", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        Type(editor, browser, "one, two\n");

        // The browser's changes claim a text of another length than the base: the circuit does not send them.
        browser.ChangesLie = true;
        await editor.SaveAsync(CancellationToken.None);

        Assert.NotNull(Assert.Single(browser.Snapshots).Changes);
        Assert.Equal(("one, two\n", 2), ((await GetAsync(created.Slug)).Content, editor.BaseVersion));
    }

    [Fact]
    public async Task AStaleSaveSentAsChangesOpensTheMergeWithTheTypedText()
    {
        var (created, etag) = await _client.CreateAsync("Stale changes", "a\nb\nc\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        await PutAsync(created.Slug, "a\nb\nc by Ana\n", etag);

        Type(editor, browser, "A by Bo\nb\nc\n");
        await editor.SaveAsync(CancellationToken.None);

        var merge = Assert.IsType<MergeSession>(editor.Merge);
        Assert.NotNull(Assert.Single(browser.Snapshots).Changes);
        Assert.Equal(("a\nb\nc\n", "A by Bo\nb\nc\n", "a\nb\nc by Ana\n"), (merge.BaseText, merge.Mine, merge.Theirs));
        Assert.True(merge.CanSave);
        await editor.SaveMergeAsync(CancellationToken.None);
        Assert.Equal("A by Bo\nb\nc by Ana\n", (await GetAsync(created.Slug)).Content);
    }

    [Fact]
    public async Task ANewVersionIsFollowedByTheChangesItsAnnouncementCarries()
    {
        var (created, etag) = await _client.CreateAsync("Follow by changes", "one\ntwo\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var v2 = await PutAsync(created.Slug, "one\n2\n", etag);

        await editor.OnVersionBumpedAsync(Bump(v2, ChangeSet.Of(8, [new TextChange(4, 7, "2")]), from: 1), CancellationToken.None);

        Assert.Equal(["changes"], browser.Follows);
        Assert.Equal(("one\n2\n", 2, 2), (browser.Text, browser.BaseVersion, editor.BaseVersion));
        Assert.Equal("one\n2\n", editor.BaseText);
    }

    [Fact]
    public async Task AnEditorTwoVersionsBehindGetsTheChangesFromTheTextItShowsNeverTheLastVersionsOnly()
    {
        var (created, etag) = await _client.CreateAsync("Two behind", "one\ntwo\nthree\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var (_, v2) = await PutWithETagAsync(created.Slug, "ONE\ntwo\nthree\n", etag);
        var v3 = await PutAsync(created.Slug, "ONE\ntwo\nTHREE\n", v2);

        // Only v3's announcement arrives, with v3's changes (to v2): they are not applied to v1's text.
        await editor.OnVersionBumpedAsync(Bump(v3, ChangeSet.Between("ONE\ntwo\nthree\n", "ONE\ntwo\nTHREE\n"), from: 2), CancellationToken.None);

        Assert.Equal(["changes"], browser.Follows);
        Assert.Equal(("ONE\ntwo\nTHREE\n", 3), (browser.Text, browser.BaseVersion));
    }

    [Fact]
    public async Task ChangesThatDoNotFitTheTextShownAreNotAppliedTheNewestIsDiffedInstead()
    {
        var (created, etag) = await _client.CreateAsync("Misfit bump", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var v2 = await PutAsync(created.Slug, "one\ntwo\n", etag);

        await editor.OnVersionBumpedAsync(Bump(v2, ChangeSet.Of(9, [new TextChange(0, 0, "wrong")]), from: 1), CancellationToken.None);

        Assert.Equal(("one\ntwo\n", 2), (browser.Text, browser.BaseVersion));
    }

    [Fact]
    public async Task ATextWithCarriageReturnsIsFollowedWhole()
    {
        var (created, etag) = await _client.CreateAsync("Follow CRLF", "one\r\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var v2 = await PutAsync(created.Slug, "one\r\ntwo\r\n", etag);

        await editor.OnVersionBumpedAsync(Bump(v2, null, from: null), CancellationToken.None);

        Assert.Equal(["text"], browser.Follows);
        Assert.Equal("one\r\ntwo\r\n", browser.Text);
    }

    [Fact]
    public async Task TheEditorsOwnSaveAnnouncesTheChangesItSent()
    {
        var (created, _) = await _client.CreateAsync("Announced changes", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = await OpenAsync(created.Slug, browser);
        var bumps = Listen(created.Id);

        Type(editor, browser, "one, two\n");
        await editor.SaveAsync(CancellationToken.None);

        var bump = await EventuallyAsync(() => { lock (bumps) { return bumps.SingleOrDefault(); } });
        Assert.Equal((2, 1), (bump.Version, bump.BaseVersion));
        Assert.Equal("[3,[0,\", two\"],1]", bump.Changes!.Value.GetRawText());
        Assert.Equal("one, two\n", bump.ChangesFrom(1, 4)!.Apply("one\n"));
    }

    [Fact]
    public async Task ChangesThatReplaceMoreThanChangedAreAnnouncedAsOnlyWhatChanged()
    {
        var (created, _) = await _client.CreateAsync("Pasted over", "one 😀\n");
        var bumps = Listen(created.Id);

        // A paste over the whole text that keeps its first line, as the browser sends it: one replacement of everything.
        var pasted = ChangeSet.Of(7, [new TextChange(0, 7, "one 😀\ntwo\n")]);
        var outcome = await factory.Services.GetRequiredService<Features.Commands.CommandPipeline>().SendAsync(
            SaveDocumentCommand.ChangesOnBase(created.Id, pasted, null, 1, new DocumentActor("Ana")), CancellationToken.None);

        Assert.Equal(pasted, Assert.IsType<DocumentOutcome.Saved>(outcome).Changes);
        var bump = await EventuallyAsync(() => { lock (bumps) { return bumps.SingleOrDefault(); } });
        Assert.Equal("[7,[0,\"two\",\"\"]]", bump.Changes!.Value.GetRawText());
    }

    private List<VersionBump> Listen(Guid documentId)
    {
        var bumps = new List<VersionBump>();
        _listening.Add(factory.Services.GetRequiredService<IVersionFeed>().Subscribe(documentId, bump =>
        {
            lock (bumps)
            {
                bumps.Add(bump);
            }

            return Task.CompletedTask;
        }));
        return bumps;
    }

    public void Dispose()
    {
        foreach (var listening in _listening)
        {
            listening.Dispose();
        }

        _client.Dispose();
    }

    private async Task<DocumentEditor> OpenAsync(string slug, BrowserEditorStandIn browser)
    {
        var editor = factory.Services.GetRequiredService<DocumentEditor>();
        editor.DraftOwner = "name:Bo";
        editor.Actor = new DocumentActor("Bo", Agent: "editor");
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

    private async Task<DocumentResponse> PutAsync(string slug, string content, string etag) => (await PutWithETagAsync(slug, content, etag)).Document;

    private async Task<(DocumentResponse Document, string ETag)> PutWithETagAsync(string slug, string content, string etag)
    {
        using var response = await _client.SendAsync(ApiClient.Put(slug, new { content }, etag, "Ana"));
        response.EnsureSuccessStatusCode();
        return (await response.ReadAsync<DocumentResponse>(), response.Headers.ETag!.ToString());
    }

    private async Task<DocumentResponse> GetAsync(string slug) =>
        (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{slug}", ApiClient.Json))!;

    private static VersionBump Bump(DocumentResponse version, ChangeSet? changes, int? from) =>
        new(version.Id, version.Version, "", version.UpdatedBy, version.UpdatedAt, 0, 0,
            changes is null ? null : JsonDocument.Parse(ChangeSetJson.ToJson(changes)).RootElement.Clone(), from);

    private static async Task<T> EventuallyAsync<T>(Func<T?> read)
        where T : class
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (read() is { } value)
            {
                return value;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Nothing arrived within 5 s.");
    }
}
