using System.IO.Compression;
using System.Net;
using System.Text;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>The editor's text upload (PUT /editor/uploads/{token}) over the real HTTP pipeline.</summary>
public sealed class EditorUploadsTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private EditorUploads Uploads => factory.Services.GetRequiredService<EditorUploads>();

    [Fact]
    public async Task AGzippedTextReachesWhoeverExpectsItOnce()
    {
        var (token, text) = Uploads.Expect(1024 * 1024);
        var sent = string.Concat(Enumerable.Repeat("Prose with é and ✓.\n", 10_000));

        using var first = await _client.PutAsync($"/editor/uploads/{token}", Gzip(sent));
        using var again = await _client.PutAsync($"/editor/uploads/{token}", Gzip(sent));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(sent, await text.WaitAsync(TimeSpan.FromSeconds(5)));
        await again.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task AnUnknownTokenIsNotFound()
    {
        using var response = await _client.PutAsync("/editor/uploads/0123456789abcdef", new StringContent("x"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task ADeclaredSizeOverTheContentLimitIsRefusedBeforeReading()
    {
        var (token, text) = Uploads.Expect(10 * 1024 * 1024);
        var limit = (int)factory.Services.GetRequiredService<Features.Commands.DocumentService>().Limits.MaxContentBytes;

        using var response = await _client.PutAsync($"/editor/uploads/{token}", new ByteArrayContent(new byte[limit + 1]));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.ContentTooLarge);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => text);
    }

    [Fact]
    public async Task AGzipBombStopsAtTheTokensLimit()
    {
        var (token, text) = Uploads.Expect(1024);

        using var response = await _client.PutAsync($"/editor/uploads/{token}", Gzip(new string('a', 1024 * 1024)));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.ContentTooLarge);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => text);
    }

    [Fact]
    public async Task BytesThatAreNotUtf8AreRefused()
    {
        var (token, _) = Uploads.Expect(1024);

        using var response = await _client.PutAsync($"/editor/uploads/{token}", new ByteArrayContent([0x61, 0xff, 0xfe]));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    private static ByteArrayContent Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
