using System.Net;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

public sealed class HealthAndPagesTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task HealthAnswers200WhenTheDatabaseIsReachable()
    {
        using var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheHomePageAnswersWithOneTitleAFaviconAndTheThemeStyles()
    {
        var html = await _client.GetStringAsync("/");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<title>"));
        Assert.Contains("Documents · CollabEdit</title>", html, StringComparison.Ordinal);
        Assert.Contains("assets/favicon.svg", html, StringComparison.Ordinal);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/assets/favicon.svg")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownPageIsAPageForPeopleAndAnUnknownApiRouteIsAProblemForPrograms()
    {
        using var page = await _client.GetAsync("/no-such-page");
        using var api = await _client.GetAsync("/api/no-such-route");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Nothing here", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheApiReferenceIsServedAtScalar()
    {
        using var response = await _client.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CollabEdit API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
