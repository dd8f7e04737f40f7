using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>Small helpers over HttpClient for the documents API; every call is a real HTTP request to the app.</summary>
public static class ApiClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<(DocumentResponse Document, string ETag)> CreateAsync(this HttpClient client, string title, string content = "", string? slug = null)
    {
        using var response = await client.PostAsJsonAsync("/api/documents", new { title, slug, content }, Json);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadAsync<DocumentResponse>(), response.Headers.ETag!.ToString());
    }

    public static HttpRequestMessage Put(string idOrSlug, object body, string? ifMatch = null, string? author = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{idOrSlug}") { Content = JsonContent.Create(body, options: Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (author is not null)
        {
            request.Headers.Add("X-Author", author);
        }

        return request;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    /// <summary>Reads a problem+json body, checking the media type on the way.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        // Buffered and read as a string, so that a test may read the same problem more than once.
        await response.Content.LoadIntoBufferAsync();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public static async Task AssertProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }

    public static EntityTagHeaderValue Tag(string etag) => EntityTagHeaderValue.Parse(etag);
}
