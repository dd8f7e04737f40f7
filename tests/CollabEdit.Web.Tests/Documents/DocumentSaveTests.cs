using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Documents;

public sealed class DocumentSaveTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SaveWithMatchingIfMatchReturns200WithTheNewVersionAndETag()
    {
        var (created, etag) = await _client.CreateAsync("If-Match save", "one\n");

        using var response = await _client.SendAsync(ApiClient.Put(created.Id.ToString(), new { content = "two\n" }, etag, "Ana"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.ReadAsync<DocumentResponse>();
        Assert.Equal(2, saved.Version);
        Assert.Equal("two\n", saved.Content);
        Assert.Equal("Ana", saved.UpdatedBy);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
        Assert.False(response.Headers.ETag.IsWeak);
    }

    [Fact]
    public async Task SaveWithStaleIfMatchReturns412WithTheCurrentETagAndVersion()
    {
        var (created, v1) = await _client.CreateAsync("Stale If-Match", "one\n");
        using var first = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "two\n" }, v1));
        var v2 = first.Headers.ETag!.ToString();

        using var stale = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "mine\n" }, v1));

        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, ProblemTypes.StaleIfMatch);
        var problem = await stale.ReadProblemAsync();
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(v2, problem.GetProperty("currentETag").GetString());
        Assert.Equal(v2, stale.Headers.ETag!.ToString());
        Assert.Equal("two\n", (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json))!.Content);
    }

    [Fact]
    public async Task SaveWithStaleBaseVersionReturns409CarryingWhatAMergeNeeds()
    {
        var (created, _) = await _client.CreateAsync("Stale base", "base\n");
        using (var ana = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "ana\n", baseVersion = 1 }, author: "Ana")))
        {
            Assert.Equal(HttpStatusCode.OK, ana.StatusCode);
        }

        using (var carl = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "carl\n", baseVersion = 2 }, author: "Carl")))
        {
            Assert.Equal(HttpStatusCode.OK, carl.StatusCode);
        }

        using var bo = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "bo\n", baseVersion = 1 }, author: "Bo"));

        await bo.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.StaleBaseVersion);
        var problem = await bo.ReadProblemAsync();
        Assert.Equal(1, problem.GetProperty("baseVersion").GetInt32());
        Assert.Equal(3, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(bo.Headers.ETag!.ToString(), problem.GetProperty("currentETag").GetString());
        Assert.Equal("carl\n", problem.GetProperty("currentContent").GetString());
        var changes = problem.GetProperty("changesSinceBase").EnumerateArray().ToList();
        Assert.Equal([3, 2], changes.Select(c => c.GetProperty("version").GetInt32()));
        Assert.Equal(["Carl", "Ana"], changes.Select(c => c.GetProperty("author").GetString()));

        var baseRevision = await _client.GetFromJsonAsync<RevisionResponse>(problem.GetProperty("baseRevision").GetString(), ApiClient.Json);
        var currentRevision = await _client.GetFromJsonAsync<RevisionResponse>(problem.GetProperty("currentRevision").GetString(), ApiClient.Json);
        Assert.Equal("base\n", baseRevision!.Content);
        Assert.Equal("carl\n", currentRevision!.Content);
    }

    [Fact]
    public async Task SaveOnTheCurrentBaseVersionSucceedsAndRecordsTheBase()
    {
        var (created, _) = await _client.CreateAsync("Base save", "a\n");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "b\n", baseVersion = 1, title = "Renamed" }, author: "Ana"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.ReadAsync<DocumentResponse>();
        Assert.Equal("Renamed", saved.Title);
        var history = await _client.GetFromJsonAsync<RevisionList>($"/api/documents/{created.Id}/revisions", ApiClient.Json);
        Assert.Equal([2, 1], history!.Items.Select(r => r.Version));
        Assert.Equal(1, history.Items[0].BaseVersion);
        Assert.Equal("Renamed", history.Items[0].Title);
        Assert.Equal("Base save", history.Items[1].Title);
    }

    [Fact]
    public async Task SaveWithNeitherIfMatchNorBaseVersionReturns428SayingHowToResubmit()
    {
        var (created, _) = await _client.CreateAsync("No precondition");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x" }));

        await response.AssertProblemAsync((HttpStatusCode)428, ProblemTypes.PreconditionRequired);
        var detail = (await response.ReadProblemAsync()).GetProperty("detail").GetString()!;
        Assert.Contains("If-Match", detail, StringComparison.Ordinal);
        Assert.Contains("baseVersion", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IfMatchStarOverwritesWhateverIsCurrent()
    {
        var (created, v1) = await _client.CreateAsync("Overwrite", "one\n");
        using (var _ = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "two\n" }, v1)))
        {
        }

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "forced\n", baseVersion = 1 }, "*"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await response.ReadAsync<DocumentResponse>();
        Assert.Equal(3, saved.Version);
        Assert.Equal("forced\n", saved.Content);
    }

    [Fact]
    public async Task WeakETagsNeverMatch()
    {
        var (created, etag) = await _client.CreateAsync("Weak tag");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x" }, $"W/{etag}"));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, ProblemTypes.StaleIfMatch);
    }

    [Fact]
    public async Task AnIfMatchListMatchesWhenAnyTagIsCurrent()
    {
        var (created, etag) = await _client.CreateAsync("Tag list");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x" }, $"\"something-else\", {etag}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnIfMatchOfAnotherDocumentReturns412AndSavesNothing()
    {
        var (created, etag) = await _client.CreateAsync("Mine", "mine\n");
        var (_, otherETag) = await _client.CreateAsync("Other");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x" }, otherETag));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, ProblemTypes.StaleIfMatch);
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.Equal(1, (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Slug}", ApiClient.Json))!.Version);
    }

    [Fact]
    public async Task AnIfMatchListingSeveralVersionsMatchesTheCurrentOne()
    {
        var (created, v1) = await _client.CreateAsync("Several versions");
        using var second = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "2" }, v1));
        var v2 = second.Headers.ETag!.ToString();

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "3" }, $"{v1}, {v2}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await response.ReadAsync<DocumentResponse>()).Version);
    }

    [Fact]
    public async Task SavingToAnUnknownIdWithABaseVersionReturns404()
    {
        using var response = await _client.SendAsync(ApiClient.Put(Guid.NewGuid().ToString(), new { content = "x", baseVersion = 1 }));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task UnknownDocumentReturns404EvenWithAStaleIfMatch()
    {
        using var response = await _client.SendAsync(ApiClient.Put(Guid.NewGuid().ToString(), new { content = "x" }, "\"nope\""));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task UnquotedIfMatchReturns400ExplainingTheFormat()
    {
        var (created, _) = await _client.CreateAsync("Unquoted tag");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x" }, "v1"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    [Fact]
    public async Task BaseVersionFromTheFutureReturns400()
    {
        var (created, _) = await _client.CreateAsync("Future base");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x", baseVersion = 9 }));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("baseVersion", out _));
    }

    [Fact]
    public async Task AuthorComesFromXAuthorAndMayBePercentEncoded()
    {
        var (created, _) = await _client.CreateAsync("Author header");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x", baseVersion = 1 }, author: "Jos%C3%A9"));

        Assert.Equal("José", (await response.ReadAsync<DocumentResponse>()).UpdatedBy);
    }

    [Fact]
    public async Task SaveWithoutContentReturns400NamingTheField()
    {
        var (created, etag) = await _client.CreateAsync("Missing content");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { title = "only a title" }, etag));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty("content", out _));
    }
}
