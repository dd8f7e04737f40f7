using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Documents;

public sealed class DocumentReadTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetReturnsAStrongETagAndNoCache()
    {
        var (created, etag) = await _client.CreateAsync("Readable", "text");

        using var response = await _client.GetAsync($"/api/documents/{created.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.True(response.Headers.CacheControl!.NoCache);
    }

    [Fact]
    public async Task GetWithMatchingIfNoneMatchReturns304WithTheETag()
    {
        var (created, etag) = await _client.CreateAsync("Cached");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{created.Slug}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetWithAnOldIfNoneMatchReturnsTheNewVersion()
    {
        var (created, v1) = await _client.CreateAsync("Cache miss", "old");
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "new" }, v1)))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{created.Slug}");
        request.Headers.TryAddWithoutValidation("If-None-Match", v1);
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("new", (await response.ReadAsync<DocumentResponse>()).Content);
    }

    [Fact]
    public async Task GetOfAnUnknownDocumentReturns404Problem()
    {
        using var response = await _client.GetAsync("/api/documents/no-such-document");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ListSearchesTitlesPagesAndSortsNewestFirst()
    {
        for (var i = 1; i <= 3; i++)
        {
            await _client.CreateAsync($"Paging probe {i}");
        }

        var firstPage = await _client.GetFromJsonAsync<DocumentList>("/api/documents?q=paging%20probe&take=2", ApiClient.Json);
        var secondPage = await _client.GetFromJsonAsync<DocumentList>("/api/documents?q=PAGING%20probe&skip=2&take=2", ApiClient.Json);

        Assert.Equal(3, firstPage!.Total);
        Assert.Equal(["Paging probe 3", "Paging probe 2"], firstPage.Items.Select(i => i.Title));
        Assert.Equal(["Paging probe 1"], secondPage!.Items.Select(i => i.Title));
        var item = firstPage.Items[0];
        Assert.Equal(1, item.Version);
        Assert.Equal(DocumentRules.AnonymousAuthor, item.UpdatedBy);
        Assert.Equal(DocumentState.Active, item.State);
    }

    [Fact]
    public async Task ListTreatsLikeWildcardsLiterally()
    {
        await _client.CreateAsync("100% done");
        await _client.CreateAsync("1000 done");

        var list = await _client.GetFromJsonAsync<DocumentList>("/api/documents?q=100%25", ApiClient.Json);

        Assert.Equal(["100% done"], list!.Items.Select(i => i.Title));
    }

    [Theory]
    [InlineData("take=0")]
    [InlineData("take=201")]
    [InlineData("skip=-1")]
    [InlineData("state=deleted")]
    [InlineData("state=7")]
    [InlineData("q=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task ListWithOutOfRangePagingReturns400(string query)
    {
        using var response = await _client.GetAsync($"/api/documents?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    [Fact]
    public async Task RevisionsAreListedNewestFirstAndEachHasItsOwnImmutableETag()
    {
        var (created, v1) = await _client.CreateAsync("History", "one");
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "two" }, v1, "Bo")))
        {
        }

        var history = await _client.GetFromJsonAsync<RevisionList>($"/api/documents/{created.Slug}/revisions", ApiClient.Json);
        using var revision = await _client.GetAsync($"/api/documents/{created.Slug}/revisions/1");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{created.Slug}/revisions/1");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", revision.Headers.ETag!.ToString());
        using var notModified = await _client.SendAsync(conditional);

        Assert.Equal([2, 1], history!.Items.Select(r => r.Version));
        Assert.Equal("Bo", history.Items[0].Author);
        Assert.Equal("one", (await revision.ReadAsync<RevisionResponse>()).Content);
        Assert.Contains("immutable", revision.Headers.CacheControl!.Extensions.Select(e => e.Name));
        Assert.NotEqual(v1, revision.Headers.ETag.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task AMissingRevisionReturns404Problem()
    {
        var (created, _) = await _client.CreateAsync("Short history");

        using var response = await _client.GetAsync($"/api/documents/{created.Id}/revisions/7");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }
}
