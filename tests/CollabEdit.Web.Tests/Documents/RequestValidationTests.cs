using System.Net;
using System.Text;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>Bad input gets a clear problem, never a 500, and changes nothing.</summary>
public sealed class RequestValidationTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("{\"title\":")]
    [InlineData("{\"title\": 5}")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public async Task MalformedJsonReturns400SayingWhere(string body)
    {
        using var response = await _client.PostAsync("/api/documents", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
        Assert.False(string.IsNullOrEmpty((await response.ReadProblemAsync()).GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task NonJsonBodyReturns415()
    {
        var (created, etag) = await _client.CreateAsync("Media type");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{created.Slug}") { Content = new StringContent("plain text", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }

    [Fact]
    public async Task ContentOverTheDefaultLimitReturns413AndSavesNothing()
    {
        var (created, etag) = await _client.CreateAsync("Too large", "small");
        var limit = new DocumentLimits().MaxContentBytes;

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = new string('x', (int)limit + 1) }, etag));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.ContentTooLarge);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(limit + 1, problem.GetProperty("size").GetInt64());
        Assert.Equal(limit, problem.GetProperty("limit").GetInt64());
        using var current = await _client.GetAsync($"/api/documents/{created.Slug}");
        Assert.Equal(etag, current.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task ContentAtTheLimitCountedInUtf8BytesIsAccepted()
    {
        var limit = (int)new DocumentLimits().MaxContentBytes;
        var content = new string('é', limit / 2);

        var (created, _) = await _client.CreateAsync("At the limit", content);

        Assert.Equal(limit, created.Size);
    }

    [Fact]
    public async Task UnknownApiRouteReturns404Problem()
    {
        using var response = await _client.GetAsync("/api/nothing-here");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task AnOverlongAuthorReturns400()
    {
        var (created, etag) = await _client.CreateAsync("Long author");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "x" }, etag, new string('a', DocumentRules.MaxAuthorLength + 1)));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }
}
