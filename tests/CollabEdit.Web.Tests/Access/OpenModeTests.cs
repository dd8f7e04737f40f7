using System.Net;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Access;

/// <summary>CollabEdit:Access:Mode=Open: today's behaviour for one person or a demo, said plainly where it differs.</summary>
public sealed class OpenModeTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    [Fact]
    public async Task AnyVisitorMayReadAndSaveUnderTheNameTheyGive()
    {
        var client = factory.CreateClient();
        var (document, etag) = await client.CreateAsync("Open", "a\n");

        using var saved = await client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "b\n" }, etag, "Ana"));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Ana", (await saved.ReadAsync<Features.Documents.DocumentResponse>()).UpdatedBy);
    }

    [Fact]
    public async Task AccessIsNotManagedAndTheAnswerSaysWhy()
    {
        var client = factory.CreateClient();
        var (document, _) = await client.CreateAsync("Open access", "a\n");

        using var response = await client.GetAsync($"/api/documents/{document.Id}/access");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "urn:collabedit:problem:access-not-managed");
    }
}
