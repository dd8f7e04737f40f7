using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Documents;

public sealed class ArchiveTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task DeleteWithMatchingIfMatchArchivesAndKeepsTheHistory()
    {
        var (created, etag) = await _client.CreateAsync("To archive", "keep me\n");

        using var response = await DeleteAsync(created.Slug, etag);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var get = await _client.GetAsync($"/api/documents/{created.Slug}");
        var archived = await get.ReadAsync<DocumentResponse>();
        Assert.Equal(DocumentState.Archived, archived.State);
        Assert.Equal("keep me\n", archived.Content);
        Assert.NotEqual(etag, get.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task DeleteWithoutIfMatchReturns428()
    {
        var (created, _) = await _client.CreateAsync("Delete without precondition");

        using var response = await DeleteAsync(created.Slug, ifMatch: null);

        await response.AssertProblemAsync((HttpStatusCode)428, ProblemTypes.PreconditionRequired);
    }

    [Fact]
    public async Task DeleteWithStaleIfMatchReturns412AndArchivesNothing()
    {
        var (created, v1) = await _client.CreateAsync("Delete stale");
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "newer" }, v1)))
        {
        }

        using var response = await DeleteAsync(created.Slug, v1);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, ProblemTypes.StaleIfMatch);
        Assert.Equal(DocumentState.Active, (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json))!.State);
    }

    [Fact]
    public async Task SavingToAnArchivedDocumentReturns409DocumentArchived()
    {
        var (created, etag) = await _client.CreateAsync("Archived save");
        using (await DeleteAsync(created.Slug, etag))
        {
        }

        using var byBase = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x", baseVersion = 1 }));
        using var byTag = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x" }, etag));

        await byBase.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.DocumentArchived);
        await byTag.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.DocumentArchived);
    }

    [Fact]
    public async Task ArchivedDocumentsLeaveTheDefaultListAndShowUnderTheArchivedFilter()
    {
        var (created, etag) = await _client.CreateAsync("Listed then archived zq");
        using (await DeleteAsync(created.Slug, etag))
        {
        }

        var active = await _client.GetFromJsonAsync<DocumentList>("/api/documents?q=archived%20zq", ApiClient.Json);
        var archived = await _client.GetFromJsonAsync<DocumentList>("/api/documents?q=archived%20zq&state=archived", ApiClient.Json);

        Assert.Empty(active!.Items);
        Assert.Equal(created.Id, Assert.Single(archived!.Items).Id);
    }

    [Fact]
    public async Task RestoreBringsAnArchivedDocumentBackForSaving()
    {
        var (created, etag) = await _client.CreateAsync("Restore me", "text\n");
        using (await DeleteAsync(created.Slug, etag))
        {
        }

        using var restore = await _client.PostAsync($"/api/documents/{created.Slug}/restore", content: null);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        Assert.Equal(DocumentState.Active, (await restore.ReadAsync<DocumentResponse>()).State);

        using var save = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "again\n" }, restore.Headers.ETag!.ToString()));
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
    }

    private Task<HttpResponseMessage> DeleteAsync(string idOrSlug, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{idOrSlug}");
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _client.SendAsync(request);
    }
}
