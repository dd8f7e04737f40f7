using System.Net;
using System.Text;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// The charset of a JSON body, on every JSON endpoint (anonymous ones included): UTF-8 in any spelling is read,
/// any other charset is a 415 problem with a stable type, and neither is an error in the log (each used to be a 500
/// with an error-level stack trace: the framework's JSON reader throws on a charset name it does not know).
/// </summary>
public sealed class CharsetTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> RefusedCharsets => new()
    {
        { "/api/documents", "foo" },
        { "/api/documents", "utf-7" },
        { "/api/documents", "" },
        { "/api/documents", "utf-16" },
        { "/api/auth/login", "foo" },
        { "/api/auth/register", "utf-7" },
        { "/api/auth/login", "" },
    };

    [Theory]
    [MemberData(nameof(RefusedCharsets))]
    public async Task AnyCharsetButUtf8Is415UnsupportedCharsetAndNoErrorIsLogged(string path, string charset)
    {
        var logged = await LogCountAsync();
        using var response = await PostAsync(path, "{\"title\":\"Charset\",\"email\":\"a@example.com\",\"password\":\"Passw0rd!\"}", $"application/json; charset={charset}");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedCharset);
        Assert.DoesNotContain(factory.Logs.Skip(logged), log => log.Level >= LogLevel.Error);
    }

    [Theory]
    [InlineData("\"utf-8\"")]
    [InlineData("UTF-8")]
    [InlineData("utf8")]
    [InlineData("utf-8")]
    public async Task Utf8InAnySpellingIsRead(string charset)
    {
        var logged = await LogCountAsync();
        using var response = await PostAsync("/api/documents", "{\"title\":\"Café charset\",\"content\":\"é\\n\"}", $"application/json; charset={charset}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("Café charset", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(factory.Logs.Skip(logged), log => log.Level >= LogLevel.Error);
    }

    /// <summary>What was logged before the request (PostgreSQL's first start logs a failed look for the migrations table).</summary>
    private async Task<int> LogCountAsync()
    {
        (await _client.GetAsync("/health")).Dispose();
        return factory.Logs.Count;
    }

    private Task<HttpResponseMessage> PostAsync(string path, string json, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Author", "Charset tester");
        return _client.SendAsync(request);
    }
}
