using System.Net;
using System.Text;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>Input that used to be accepted, or answered with the wrong words: each is refused, saying what to change, and saves nothing.</summary>
public sealed class InputThatSlipsThroughTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("Ana%ZZ")]
    [InlineData("Ana%C3")]
    [InlineData("Ana%")]
    public async Task AnXAuthorThatIsNotPercentEncodedUtf8IsRefusedNotStoredLiterally(string header)
    {
        var (created, etag) = await _client.CreateAsync($"Author {header}", "a\n");
        using var request = ApiClient.Put(created.Slug, new { content = "b\n" }, etag);
        request.Headers.TryAddWithoutValidation("X-Author", header);

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        Assert.Contains("percent-encoded", (await response.ReadProblemAsync()).GetProperty("errors").GetProperty("author")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APercentEncodedNameIsDecoded()
    {
        var (created, etag) = await _client.CreateAsync("Author José", "a\n");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "b\n" }, etag, "Jos%C3%A9"));

        Assert.Equal("José", (await response.ReadAsync<Features.Documents.DocumentResponse>()).UpdatedBy);
    }

    [Fact]
    public async Task TwoXAuthorHeadersAreRefusedNotJoined()
    {
        var (created, etag) = await _client.CreateAsync("Two authors", "a\n");
        using var request = ApiClient.Put(created.Slug, new { content = "b\n" }, etag);
        request.Headers.Add("X-Author", ["Ana", "Bo"]);

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    [Theory]
    [InlineData("Budget \u202Egnp.exe")]
    [InlineData("Budget\u200B")]
    [InlineData("\u2066Budget\u2069")]
    public async Task TitlesThatShowSomethingElseThanTheyHoldAreRefused(string title)
    {
        using var response = await _client.PostAsync("/api/documents", Json($$"""{"title": {{System.Text.Json.JsonSerializer.Serialize(title)}}}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        Assert.Contains("direction-changing", (await response.ReadProblemAsync()).GetProperty("errors").GetProperty("title")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmojiWithAZeroWidthJoinerIsAFineTitle()
    {
        var (created, _) = await _client.CreateAsync("Team \U0001F469\u200D\U0001F4BB notes");

        Assert.Equal("Team \U0001F469\u200D\U0001F4BB notes", created.Title);
    }

    [Fact]
    public async Task AnIfMatchListWithAStarAndATagIsInvalidNotAny()
    {
        var (created, _) = await _client.CreateAsync("Star and tag", "a\n");
        using var request = ApiClient.Put(created.Slug, new { content = "b\n" });
        request.Headers.TryAddWithoutValidation("If-Match", "W/\"x\", *");

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        using var current = await _client.GetAsync($"/api/documents/{created.Slug}");
        Assert.EndsWith("-v1\"", current.Headers.ETag!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABaseVersionGivenAsAStringIsRefused()
    {
        var (created, _) = await _client.CreateAsync("String version", "a\n");

        using var response = await _client.PutAsync($"/api/documents/{created.Slug}", Json("""{"content": "b\n", "baseVersion": "1"}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Theory]
    [InlineData("state=2", "state")]
    [InlineData("sort=1", "sort")]
    [InlineData("take=abc", "take")]
    [InlineData("skip=2147483648", "skip")]
    [InlineData("desc=maybe", "desc")]
    public async Task AQueryValueThatIsNotValidNamesTheParameter(string query, string parameter)
    {
        using var response = await _client.GetAsync($"/api/documents?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty(parameter, out _), $"errors has no '{parameter}'");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
