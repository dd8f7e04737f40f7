using System.Net;
using System.Net.WebSockets;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>A page on another site cannot change documents or open a live connection with a visitor's browser (issue 10, item 6).</summary>
public sealed class CrossSiteRequestTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    private readonly HttpClient _client = app.CreateRealClient();

    [Fact]
    public async Task ACrossSiteFormPostToRestoreIsRefused()
    {
        var (created, _) = await _client.CreateAsync("Cross-site restore", "a\n");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/documents/{created.Id}/restore") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.CrossSiteRequest);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Origin", "https://collabedit.example.org")]
    [InlineData("Origin", "null")]
    public async Task ASaveThatABrowserSentForAnotherSiteIsRefusedAndChangesNothing(string header, string value)
    {
        var (created, etag) = await _client.CreateAsync($"Cross-site save {value}", "a\n");
        using var request = ApiClient.Put(created.Slug, new { content = "b\n" }, etag);
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, ProblemTypes.CrossSiteRequest);
        using var current = await _client.GetAsync($"/api/documents/{created.Slug}");
        Assert.Equal(etag, current.Headers.ETag!.ToString());
    }

    [Fact]
    public async Task TheAppsOwnPagesAndScriptsWithoutOriginAreServed()
    {
        var (created, etag) = await _client.CreateAsync("Same site", "a\n");
        using var request = ApiClient.Put(created.Slug, new { content = "b\n" }, etag);
        request.Headers.Add("Origin", app.Address.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AWebSocketHandshakeFromAnotherSiteIsRefused()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "http://evil.example");
        var hub = new UriBuilder(app.Address) { Scheme = "ws", Path = "/hubs/documents" }.Uri;

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(hub, CancellationToken.None));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        using var sameSite = new ClientWebSocket();
        await sameSite.ConnectAsync(hub, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, sameSite.State);
    }
}
