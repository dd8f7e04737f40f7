using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Documents;

public sealed class DocumentCreationTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task CreateReturns201WithLocationETagAndTheDocument()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(new { title = "  Meeting notes ", content = "# Notes\n" }) };
        request.Headers.Add("X-Author", "Ana");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var document = await response.ReadAsync<DocumentResponse>();
        Assert.Equal("Meeting notes", document.Title);
        Assert.Equal("meeting-notes", document.Slug);
        Assert.Equal(1, document.Version);
        Assert.Equal("# Notes\n", document.Content);
        Assert.Equal("Ana", document.UpdatedBy);
        Assert.Equal(8, document.Size);
        Assert.Equal($"/api/documents/{document.Id}", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.ETag!.IsWeak);

        using var fetched = await _client.GetAsync(response.Headers.Location);
        Assert.Equal(response.Headers.ETag, fetched.Headers.ETag);
    }

    [Fact]
    public async Task CreateWithoutSlugDerivesOneFromTheTitleAndSkipsTakenOnes()
    {
        var (first, _) = await _client.CreateAsync("Café Plans!");
        var (second, _) = await _client.CreateAsync("Cafe plans");

        Assert.Equal("cafe-plans", first.Slug);
        Assert.Equal("cafe-plans-2", second.Slug);
    }

    [Fact]
    public async Task CreateWithTakenSlugReturns409NamingTheField()
    {
        await _client.CreateAsync("Original", slug: "taken-slug");

        using var response = await _client.PostAsJsonAsync("/api/documents", new { title = "Copy", slug = "taken-slug" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.SlugTaken);
        Assert.Equal("slug", (await response.ReadProblemAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("", null, "title")]
    [InlineData("   ", null, "title")]
    [InlineData("Fine", "Not A Slug!", "slug")]
    [InlineData("Fine", "double--hyphen", "slug")]
    [InlineData("Fine", "0f8fad5b-d9cb-469f-a165-70867728950e", "slug")]
    public async Task CreateWithInvalidFieldsReturns400WithFieldErrors(string title, string? slug, string field)
    {
        using var response = await _client.PostAsJsonAsync("/api/documents", new { title, slug });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
        Assert.True((await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task CreateWithOversizedTitleReturns400()
    {
        using var response = await _client.PostAsJsonAsync("/api/documents", new { title = new string('t', DocumentRules.MaxTitleLength + 1) });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    [Fact]
    public async Task CreateWithoutTitleReturns400()
    {
        using var response = await _client.PostAsJsonAsync("/api/documents", new { content = "no title" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    [Fact]
    public async Task SlugsAreLookedUpInAnyCase()
    {
        var (created, _) = await _client.CreateAsync("Case test", slug: "case-test");

        var fetched = await _client.GetFromJsonAsync<DocumentResponse>("/api/documents/Case-Test", ApiClient.Json);

        Assert.Equal(created.Id, fetched!.Id);
    }

    [Fact]
    public async Task UnicodeContentRoundTripsByteForByte()
    {
        const string content = "héllo 👋\r\nmixed\nendings\rno final newline — 中文";
        var (created, _) = await _client.CreateAsync("Unicode", content);

        var fetched = await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{created.Id}", ApiClient.Json);

        Assert.Equal(content, fetched!.Content);
        Assert.Equal(DocumentRules.ByteCount(content), fetched.Size);
    }
}
