using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>The editor's logic against the real store and SQLite file, without a browser.</summary>
public sealed class DocumentEditorTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private DocumentEditor NewEditor() => factory.Services.GetRequiredService<DocumentEditor>();

    [Fact]
    public async Task ADraftOfAnOlderVersionIsMergedOntoTheCurrentOneWhenItComesBack()
    {
        var (created, etag) = await _client.CreateAsync("Draft rebase", "a\nb\nc\nd\ne\n");
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "a\nb\nc\nd\nE by Ana\n" }, etag, "Ana")))
        {
        }

        var editor = NewEditor();
        await editor.LoadAsync(created.Slug, CancellationToken.None);
        await editor.RestoreDraftAsync("A in my draft\nb\nc\nd\ne\n", draftBaseVersion: 1, CancellationToken.None);

        Assert.Equal("A in my draft\nb\nc\nd\nE by Ana\n", editor.Draft);
        Assert.Null(editor.Merge);
        Assert.True(editor.IsDirty);
        Assert.Contains("brought up to v2", editor.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConflictingOldDraftOpensTheMergeInsteadOfOverwriting()
    {
        var (created, etag) = await _client.CreateAsync("Draft conflict", "a\nb\nc\n");
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "a\nB by Ana\nc\n" }, etag, "Ana")))
        {
        }

        var editor = NewEditor();
        await editor.LoadAsync(created.Slug, CancellationToken.None);
        await editor.RestoreDraftAsync("a\nB in my draft\nc\n", draftBaseVersion: 1, CancellationToken.None);

        var merge = Assert.IsType<MergeSession>(editor.Merge);
        Assert.Single(merge.Conflicts);
        Assert.Equal(2, merge.TheirsVersion);
        Assert.Equal("a\nB in my draft\nc\n", merge.Mine);
    }

    [Fact]
    public async Task AStaleSaveOpensTheMergeAndSavingItLandsOnTheNewVersion()
    {
        var (created, etag) = await _client.CreateAsync("Stale save", "top\nmiddle\nbottom\n");
        var editor = NewEditor();
        await editor.LoadAsync(created.Slug, CancellationToken.None);
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "top\nmiddle\nbottom by Ana\n" }, etag, "Ana")))
        {
        }

        editor.Draft = "top by Bo\nmiddle\nbottom\n";
        await editor.SaveAsync("Bo", CancellationToken.None);
        Assert.True(editor.Merge!.CanSave);
        await editor.SaveMergeAsync("Bo", CancellationToken.None);

        var saved = await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json);
        Assert.Equal("top by Bo\nmiddle\nbottom by Ana\n", saved!.Content);
        Assert.Equal(3, saved.Version);
        Assert.Null(editor.Merge);
        Assert.False(editor.IsDirty);
    }

    [Fact]
    public async Task ContentOverTheLimitIsRefusedInPlainWordsAndTheDraftKept()
    {
        var (created, _) = await _client.CreateAsync("Too large in the editor", "small\n");
        var editor = NewEditor();
        await editor.LoadAsync(created.Slug, CancellationToken.None);
        editor.Draft = new string('x', (int)new DocumentLimits().MaxContentBytes + 1);

        await editor.SaveAsync("Ana", CancellationToken.None);

        Assert.Contains("too large", editor.Error, StringComparison.Ordinal);
        Assert.True(editor.IsDirty);
        Assert.Equal(1, (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json))!.Version);
    }

    [Fact]
    public async Task RestoringAnOldRevisionSavesItAsANewVersionButNeverOverAnUnsavedDraft()
    {
        var (created, etag) = await _client.CreateAsync("Restore", "one\n");
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "two\n" }, etag, "Ana")))
        {
        }

        var editor = NewEditor();
        await editor.LoadAsync(created.Slug, CancellationToken.None);
        editor.Draft = "unsaved\n";
        await editor.RestoreRevisionAsync(1, "Bo", CancellationToken.None);
        Assert.Equal(2, editor.BaseVersion);

        editor.Draft = "two\n";
        await editor.RestoreRevisionAsync(1, "Bo", CancellationToken.None);

        Assert.Equal(3, editor.BaseVersion);
        Assert.Equal("one\n", (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json))!.Content);
    }
}
