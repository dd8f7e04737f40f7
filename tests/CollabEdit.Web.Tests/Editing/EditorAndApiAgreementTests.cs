using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>
/// The editor and the API go through one core, so they refuse the same bad input: the API with a problem, the
/// editor with "Not saved: …", and neither saves anything.
/// </summary>
public sealed class EditorAndApiAgreementTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string?, string, HttpStatusCode> BadInputs => new()
    {
        { "control character in the title", "Budget\u0001", "Ana", HttpStatusCode.BadRequest },
        { "line separator in the title", "Bud\u2028get", "Ana", HttpStatusCode.BadRequest },
        { "a good title and name", "Budget 2027", "José", HttpStatusCode.OK },
        { "overlong author", null, new string('a', DocumentRules.MaxAuthorLength + 1), HttpStatusCode.BadRequest },
        { "control character in the author", null, "Ana\u0001", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task TheEditorAndTheApiAnswerTheSameInput(string what, string? title, string author, HttpStatusCode apiStatus)
    {
        var (created, etag) = await _client.CreateAsync($"Agreement: {what}", "a\n");
        var (viaEditor, _) = await _client.CreateAsync($"Agreement in the editor: {what}", "a\n");

        using var request = ApiClient.Put(created.Slug, new { content = "b\n", title }, etag);
        request.Headers.Add("X-Author", Uri.EscapeDataString(author));
        using var response = await _client.SendAsync(request);

        var browser = new BrowserEditorStandIn();
        var editor = factory.Services.GetRequiredService<DocumentEditor>();
        await editor.LoadAsync(viaEditor.Slug, CancellationToken.None);
        await editor.AttachAsync(browser, CancellationToken.None);
        browser.Type("b\n", title);
        editor.OnDirtyChanged(true);
        await editor.As(author).SaveAsync(CancellationToken.None);

        Assert.Equal(apiStatus, response.StatusCode);
        var editorSaved = (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{viaEditor.Slug}", ApiClient.Json))!.Version == 2;
        Assert.Equal(apiStatus == HttpStatusCode.OK, editorSaved);
        if (apiStatus != HttpStatusCode.OK)
        {
            Assert.StartsWith("Not saved:", editor.Error, StringComparison.Ordinal);
            Assert.Equal(1, (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json))!.Version);
        }
    }

    [Fact]
    public async Task TheEditorAndTheApiRefuseTheSameOversizedContent()
    {
        var limit = (int)new DocumentLimits().MaxContentBytes;
        var (created, etag) = await _client.CreateAsync("Agreement: size", "a\n");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = new string('x', limit + 1) }, etag));
        var browser = new BrowserEditorStandIn();
        var editor = factory.Services.GetRequiredService<DocumentEditor>();
        await editor.LoadAsync(created.Slug, CancellationToken.None);
        await editor.AttachAsync(browser, CancellationToken.None);
        browser.Type(new string('x', limit + 1));
        editor.OnDirtyChanged(true);
        await editor.As("Ana").SaveAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.StartsWith("Not saved: the document is too large", editor.Error, StringComparison.Ordinal);
        Assert.Equal(1, (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json))!.Version);
    }
}
