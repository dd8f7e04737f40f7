using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>What the editor's notice line says as things happen: never an older notice under a newer one.</summary>
public sealed class EditorNoticeTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SavedAsV2GoesOnceANewerVersionIsWaitingForTheUnsavedText()
    {
        var (created, _) = await _client.CreateAsync("Notices", "one\n");
        var browser = new BrowserEditorStandIn();
        var editor = factory.Services.GetRequiredService<DocumentEditor>().As("Bo");
        Assert.True(await editor.LoadAsync(created.Slug, CancellationToken.None));
        await editor.AttachAsync(browser, CancellationToken.None);

        browser.Type("one, two\n");
        editor.OnDirtyChanged(browser.IsDirty);
        await editor.SaveAsync(CancellationToken.None);
        Assert.Equal("Saved as v2.", editor.Notice);

        browser.Type("one, two, three\n");
        editor.OnDirtyChanged(browser.IsDirty);
        using var get = await _client.GetAsync($"/api/documents/{created.Slug}");
        using var put = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "Ana's\n" }, get.Headers.ETag!.ToString(), "Ana"));
        put.EnsureSuccessStatusCode();
        await editor.OnVersionBumpedAsync(new VersionBump(created.Id, 3, "", "Ana", DateTime.UtcNow, 0, 0), CancellationToken.None);

        Assert.True(editor.HasIncoming);
        Assert.Null(editor.Notice);
    }

    [Theory]
    [InlineData("Error: collabedit-rate-limited retry-after=7", 7)]
    [InlineData("collabedit-rate-limited retry-after=0", 1)]
    [InlineData("The server did not take the text (500).", null)]
    [InlineData("Failed to fetch", null)]
    public void AnUploadRefusedForSavingTooFastIsToldApartFromAFailure(string message, int? seconds) =>
        Assert.Equal(seconds, UploadRefusal.RetryAfterSeconds(message));

    [Fact]
    public void ASaveRefusedForComingTooFastSaysHowLongToWaitAndThatTheTextIsKept()
    {
        var editor = factory.Services.GetRequiredService<DocumentEditor>();

        editor.ReportRateLimited(4);

        Assert.Equal("Not saved: too many saves in a short time. Wait 4 s, then save again. Your text is still here and kept in this browser.", editor.Error);
        Assert.Null(editor.Notice);
    }
}
