using System.Text.Json;
using CollabEdit.Web.Tests.Architecture;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// The OpenAPI document is a contract a tool can read: what Redocly CLI's recommended rules check of it (redocly.yaml;
/// scripts/lint-openapi.sh runs Redocly itself), asserted here so that CI keeps it without the network or npm.
/// The document is also written to artifacts/openapi/v1.json, which that script lints.
/// </summary>
public sealed class OpenApiContractTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Fact]
    public async Task EveryOperationHasAUniqueOperationIdASummaryAndAClientErrorResponse()
    {
        using var document = await OpenApiDocumentAsync();

        var operations = Operations(document).ToList();

        Assert.NotEmpty(operations);
        var ids = operations.Select(operation => operation.Body.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.All(operations, operation =>
        {
            Assert.True(operation.Body.TryGetProperty("operationId", out _), $"{operation.Name} has no operationId (.WithName)");
            Assert.True(operation.Body.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{operation.Name} has no summary (.WithSummary)");
            Assert.True(operation.Body.GetProperty("responses").EnumerateObject().Any(response => response.Name.StartsWith('4')),
                $"{operation.Name} documents no 4xx response");
        });
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("/api/auth/register", "post")]
    [InlineData("/api/auth/login", "post")]
    [InlineData("/api/auth/refresh", "post")]
    public async Task OperationsForCallersWithoutATokenSaySoWithAnEmptySecurity(string path, string method)
    {
        using var document = await OpenApiDocumentAsync();

        var security = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("security");

        Assert.Equal(0, security.GetArrayLength());
    }

    [Fact]
    public async Task EveryOtherOperationNeedsTheBearerToken()
    {
        using var document = await OpenApiDocumentAsync();
        string[] anonymous = ["/api/auth/register", "/api/auth/login", "/api/auth/refresh"];

        var needingAToken = Operations(document).Where(operation => !anonymous.Contains(operation.Path)).ToList();

        Assert.Contains(needingAToken, operation => operation.Path == "/api/auth/logout");
        Assert.Contains(needingAToken, operation => operation.Path == "/api/auth/me");
        Assert.All(needingAToken, operation => Assert.True(
            operation.Body.TryGetProperty("security", out var security)
                && security.EnumerateArray().Any(requirement => requirement.TryGetProperty("Bearer", out _)),
            $"{operation.Name} does not declare the Bearer security it needs"));
    }

    [Fact]
    public async Task TheServersHaveNoTrailingSlashAndEveryTagIsDescribed()
    {
        using var document = await OpenApiDocumentAsync();

        Assert.All(document.RootElement.GetProperty("servers").EnumerateArray(), server =>
            Assert.False(server.GetProperty("url").GetString()!.EndsWith('/'), $"server {server} ends with a slash"));
        var described = document.RootElement.GetProperty("tags").EnumerateArray()
            .Where(tag => tag.TryGetProperty("description", out _)).Select(tag => tag.GetProperty("name").GetString()).ToHashSet();
        var used = Operations(document).SelectMany(operation => operation.Body.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(tag => tag.GetString()) : []);
        Assert.All(used, tag => Assert.Contains(tag, described));
    }

    private async Task<JsonDocument> OpenApiDocumentAsync()
    {
        var json = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        // For scripts/lint-openapi.sh: the document as this build serves it.
        var file = Path.Combine(SourceTree.Root, "artifacts", "openapi", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, json);
        return JsonDocument.Parse(json);
    }

    private static IEnumerable<(string Name, string Path, JsonElement Body)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(method => Methods.Contains(method.Name))
            .Select(method => ($"{method.Name.ToUpperInvariant()} {path.Name}", path.Name, method.Value)));
}
