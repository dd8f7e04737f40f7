using System.Text.Json;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

public sealed class OpenApiTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    [Theory]
    [InlineData("/api/documents", "get", new[] { "200", "400", "401", "429" })]
    [InlineData("/api/documents", "post", new[] { "201", "400", "401", "409", "413", "415", "422", "429" })]
    [InlineData("/api/documents/{idOrSlug}", "get", new[] { "200", "304", "401", "404" })]
    [InlineData("/api/documents/{idOrSlug}", "put", new[] { "200", "400", "401", "403", "404", "409", "412", "413", "415", "428", "429" })]
    [InlineData("/api/documents/{idOrSlug}", "delete", new[] { "204", "400", "401", "403", "404", "412", "428", "429" })]
    [InlineData("/api/documents/{idOrSlug}/restore", "post", new[] { "200", "401", "403", "404", "412" })]
    [InlineData("/api/documents/{idOrSlug}/revisions", "get", new[] { "200", "401", "404" })]
    [InlineData("/api/documents/{idOrSlug}/revisions/{version}", "get", new[] { "200", "304", "401", "404" })]
    [InlineData("/api/documents/{idOrSlug}/events", "get", new[] { "200", "401", "404" })]
    [InlineData("/api/documents/{idOrSlug}/access", "get", new[] { "200", "401", "403", "404" })]
    [InlineData("/api/documents/{idOrSlug}/access/{email}", "put", new[] { "200", "400", "401", "403", "404", "422", "429" })]
    [InlineData("/api/documents/{idOrSlug}/access/{email}", "delete", new[] { "200", "400", "401", "403", "404", "422", "429" })]
    [InlineData("/api/auth/login", "post", new[] { "200" })]
    [InlineData("/api/auth/register", "post", new[] { "200" })]
    public async Task TheOpenApiDocumentDescribesEveryEndpointAndStatus(string path, string method, string[] statuses)
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        foreach (var status in statuses)
        {
            Assert.True(responses.TryGetProperty(status, out _), $"{method.ToUpperInvariant()} {path} does not document {status}");
        }
    }

    [Fact]
    public async Task TheDocumentSaysHowToAuthenticate()
    {
        using var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var save = document.RootElement.GetProperty("paths").GetProperty("/api/documents/{idOrSlug}").GetProperty("put");
        Assert.True(save.GetProperty("security")[0].TryGetProperty("Bearer", out _));
    }
}
