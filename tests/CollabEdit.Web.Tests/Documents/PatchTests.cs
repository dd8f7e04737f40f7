using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// PATCH /api/documents/{idOrSlug} with a unified diff (RFC 5789) and GET …/diff, on SQLite and on PostgreSQL: diffs
/// printed by the real diff -u and git diff applied byte for byte, every refusal of the contract, a race on one ETag,
/// and the diff endpoint's output applied by the real patch(1).
/// </summary>
public sealed class PatchTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string, string> Edits() => new()
    {
        { "one line changed", "alpha\nbeta\ngamma\n", "alpha\nBETA\ngamma\n" },
        { "CRLF lines", "one\r\ntwo\r\nthree\r\n", "one\r\n2\r\nthree\r\nfour\r\n" },
        { "mixed line ends", "lf\ncrlf\r\nlf\n", "lf\ncrlf changed\r\nlf\n" },
        { "no final newline, changed", "first\nlast without end", "first\nlast, still without end" },
        { "final newline removed", "first\nsecond\n", "first\nsecond" },
        { "final newline added", "first\nsecond", "first\nsecond\n" },
        { "unicode", "grüße\n😀 emoji\nend\n", "grüße, Welt\n😀😀 emoji\nend\n" },
        { "created from empty", "", "# New\n\nwritten by a script\n" },
        { "emptied", "gone\nall gone\n", "" },
        { "several hunks", Lines(1, 40), Lines(1, 40).Replace("line 3\n", "line three\n").Replace("line 30\n", "").Replace("line 39\n", "line 39\nline 39.5\n") },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task ADiffPrintedByDiffUAppliesByteForByte(string name, string old, string @new) =>
        await AssertPatchedAsync(name, old, @new, DiffTools.DiffU(old, @new));

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task ADiffPrintedByGitDiffAppliesByteForByte(string name, string old, string @new) =>
        await AssertPatchedAsync(name, old, @new, DiffTools.GitDiff(old, @new));

    [Fact]
    public async Task ADiffSentAsTextXPatchWithCharsetUtf8IsTakenToo()
    {
        var (created, etag) = await _client.CreateAsync("Patch media type", "a\n");

        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "b\n"), etag, "text/x-patch; charset=\"UTF-8\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b\n", await ContentAsync(created.Slug));
    }

    [Fact]
    public async Task AnEmptyDiffChangesNothingAndMakesNoVersion()
    {
        var (created, etag) = await _client.CreateAsync("Empty patch", "same\n");

        using var response = await _client.SendAsync(Patch(created.Slug, "", etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.ReadAsync<VersionSummary>();
        Assert.Equal((1, false), (summary.Version, summary.Changed));
        Assert.Equal(etag, response.Headers.ETag!.ToString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("text/x-diff; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task AnotherMediaTypeIs415WithAcceptPatch(string? contentType)
    {
        var (created, etag) = await _client.CreateAsync("Patch 415", "a\n");

        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "b\n"), etag, contentType));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
        Assert.Equal("text/x-diff, text/x-patch", string.Join(",", response.Headers.GetValues("Accept-Patch")));
        Assert.Equal("a\n", await ContentAsync(created.Slug));
    }

    [Fact]
    public async Task WithoutIfMatchItIs428()
    {
        var (created, _) = await _client.CreateAsync("Patch 428", "a\n");

        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "b\n"), ifMatch: null));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionRequired, ProblemTypes.PreconditionRequired);
    }

    [Fact]
    public async Task AnUnreadableIfMatchIs400()
    {
        var (created, _) = await _client.CreateAsync("Patch bad If-Match", "a\n");

        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "b\n"), ifMatch: "not-quoted"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    [Fact]
    public async Task AStaleIfMatchIs412WithTheCurrentETagAndNothingIsApplied()
    {
        var (created, first) = await _client.CreateAsync("Patch 412", "a\nb\n");
        using (var saved = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\nb\n", "a\nB\n"), first)))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // The same diff would apply to v1 and to v2 alike (its lines are still there): the ETag alone refuses it.
        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "A\n"), first));

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed, ProblemTypes.StaleIfMatch);
        var current = await _client.GetAsync($"/api/documents/{created.Slug}");
        Assert.Equal(current.Headers.ETag!.ToString(), response.Headers.ETag!.ToString());
        Assert.Equal("a\nB\n", await ContentAsync(created.Slug));
    }

    [Theory]
    [InlineData("not a diff\n", 1)]
    [InlineData("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n", 5)]
    [InlineData("--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n--- c\n+++ d\n@@ -1 +1 @@\n-a\n+b\n", 6)]
    public async Task AMalformedDiffIs400SayingTheLineOfTheDiff(string diff, int line)
    {
        var (created, etag) = await _client.CreateAsync("Patch 400", "a\nb\n");

        using var response = await _client.SendAsync(Patch(created.Slug, diff, etag));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedPatch);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(line, problem.GetProperty("line").GetInt32());
        Assert.Contains($"Line {line} of the diff", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatIsNotUtf8Is400SayingTheLine()
    {
        var (created, etag) = await _client.CreateAsync("Patch not UTF-8", "a\n");
        var request = Patch(created.Slug, "", etag);
        request.Content = new ByteArrayContent([.. "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+"u8, 0xE9, (byte)'\n']);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/x-diff");

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedPatch);
        Assert.Equal(5, (await response.ReadProblemAsync()).GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task ADiffThatDoesNotMatchIs409NamingTheHunkAndTheLineWithoutFuzz()
    {
        var old = Lines(1, 20);
        var diff = DiffTools.DiffU(old, old.Replace("line 2\n", "line two\n").Replace("line 18\n", "line eighteen\n"));
        // Someone else's text: line 16 differs, so the second hunk's context does not match (patch -F2 would apply it).
        var (created, etag) = await _client.CreateAsync("Patch 409", old.Replace("line 16\n", "line 16, edited\n"));

        using var response = await _client.SendAsync(Patch(created.Slug, diff, etag));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.PatchDoesNotApply);
        var problem = await response.ReadProblemAsync();
        Assert.Equal((2, 16, "line 16\n", "line 16, edited\n", 1),
            (problem.GetProperty("hunk").GetInt32(), problem.GetProperty("line").GetInt32(), problem.GetProperty("expected").GetString(),
             problem.GetProperty("found").GetString(), problem.GetProperty("version").GetInt32()));
        Assert.Equal(etag, response.Headers.ETag!.ToString());
        Assert.Equal(old.Replace("line 16\n", "line 16, edited\n"), await ContentAsync(created.Slug));
    }

    [Fact]
    public async Task AResultOverTheSizeLimitIs413()
    {
        var limit = (int)factory.Services.GetRequiredService<Features.Commands.DocumentService>().Limits.MaxContentBytes;
        var old = new string('x', limit - 20) + "\n";
        var (created, etag) = await _client.CreateAsync("Patch 413", old);

        using var response = await _client.SendAsync(Patch(created.Slug, $"@@ -1,0 +2 @@\n+{new string('y', 40)}\n", etag));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.ContentTooLarge);
        Assert.Equal(1, await VersionAsync(created.Slug));
    }

    [Fact]
    public async Task ABodyOverTheRequestLimitIs413BeforeItIsRead()
    {
        var limits = factory.Services.GetRequiredService<Features.Commands.DocumentService>().Limits;
        var (created, etag) = await _client.CreateAsync("Patch body limit", "a\n");
        var request = Patch(created.Slug, "", etag);
        request.Content = new ByteArrayContent(new byte[limits.MaxRequestBodyBytes + 1]);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/x-diff");

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ProblemTypes.ContentTooLarge);
        Assert.Equal(1, await VersionAsync(created.Slug));
    }

    [Fact]
    public async Task AnUnknownDocumentIs404()
    {
        using var response = await _client.SendAsync(Patch("no-such-document", "", "\"x\""));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Fact]
    public async Task AnArchivedDocumentIsRefusedAsForEveryWrite()
    {
        var (created, etag) = await _client.CreateAsync("Patch archived", "a\n");
        using (var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{created.Id}"))
        {
            archive.Headers.TryAddWithoutValidation("If-Match", etag);
            (await _client.SendAsync(archive)).EnsureSuccessStatusCode();
        }

        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "b\n"), "*"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.DocumentArchived);
    }

    [Fact]
    public async Task ALockedDocumentIsRefusedAsForEveryWrite()
    {
        var (created, etag) = await _client.CreateAsync("Patch locked", "a\n");
        (await _client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{created.Id}/lock") { Headers = { { "X-Author", "Ana" } } })).EnsureSuccessStatusCode();

        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "b\n"), etag));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.DocumentLocked);
    }

    [Fact]
    public async Task IfMatchStarPatchesTheCurrentVersion()
    {
        var (created, _) = await _client.CreateAsync("Patch star", "a\n");

        using var response = await _client.SendAsync(Patch(created.Slug, DiffTools.DiffU("a\n", "b\n"), "*"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("b\n", await ContentAsync(created.Slug));
    }

    [Fact]
    public async Task ADocumentSaysItTakesUnifiedDiffs()
    {
        var (created, _) = await _client.CreateAsync("Accept-Patch", "a\n");

        using var get = await _client.GetAsync($"/api/documents/{created.Slug}");
        using var options = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"/api/documents/{created.Slug}"));

        Assert.Equal("text/x-diff, text/x-patch", string.Join(",", get.Headers.GetValues("Accept-Patch")));
        Assert.Equal("text/x-diff, text/x-patch", string.Join(",", options.Headers.GetValues("Accept-Patch")));
        Assert.Contains("PATCH", options.Content.Headers.Allow);
    }

    [Fact]
    public async Task TwentyParallelPatchesOnOneETagLetExactlyOneWin()
    {
        const int writers = 20;
        var old = Lines(1, 10);
        var (created, etag) = await _client.CreateAsync("Patch race", old);
        var diffs = Enumerable.Range(0, writers).Select(writer => DiffTools.DiffU(old, old.Replace("line 5\n", $"writer {writer}\n"))).ToList();
        using var start = new SemaphoreSlim(0);

        var racing = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            await start.WaitAsync();
            using var response = await _client.SendAsync(Patch(created.Slug, diffs[writer], etag, author: $"w{writer}"));
            return response.StatusCode;
        })).ToList();
        start.Release(writers);
        var statuses = await Task.WhenAll(racing);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(writers - 1, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        await using var scope = factory.OpenDb();
        Assert.Equal([1, 2], await scope.Db.Revisions.Where(r => r.DocumentId == created.Id).Select(r => r.Version).OrderBy(v => v).ToListAsync());
    }

    [Fact]
    public async Task TheDiffBetweenTwoVersionsIsAppliedByPatchExactly()
    {
        string[] versions = ["# Plan\r\n\r\nfirst 😀\r\n", "# Plan\r\n\r\nfirst 😀\r\nsecond\r\n", "# Plan, v3\n\nfirst 😀\nsecond\nno final newline"];
        var (created, etag) = await _client.CreateAsync("Diff endpoint", versions[0]);
        for (var v = 1; v < versions.Length; v++)
        {
            using var saved = await _client.SendAsync(ApiClient.Put(created.Id.ToString(), new { content = versions[v] }, etag));
            etag = saved.Headers.ETag!.ToString();
        }

        foreach (var (from, to) in new[] { (1, 3), (3, 1), (2, 3), (1, 1) })
        {
            using var response = await _client.GetAsync($"/api/documents/{created.Slug}/diff?from={from}&to={to}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/x-diff", response.Content.Headers.ContentType!.MediaType);
            var diff = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

            Assert.Equal(versions[to - 1], DiffTools.Patch(versions[from - 1], diff));
            if (from != to)
            {
                Assert.StartsWith($"--- a/{created.Slug}@v{from}\n+++ b/{created.Slug}@v{to}\n@@ ", diff, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task TheDiffEndpointOutputPatchesTheDocumentThroughPatchToo()
    {
        var (created, etag) = await _client.CreateAsync("Diff then patch", "one\ntwo\n");
        using (var saved = await _client.SendAsync(ApiClient.Put(created.Id.ToString(), new { content = "one\n2\n" }, etag)))
        {
            etag = saved.Headers.ETag!.ToString();
        }

        // The change from v1 to v2, reversed (v2 to v1), sent back as a PATCH: a revert that costs what changed.
        var diff = await _client.GetStringAsync($"/api/documents/{created.Slug}/diff?from=2&to=1");
        using var response = await _client.SendAsync(Patch(created.Slug, diff, etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("one\ntwo\n", await ContentAsync(created.Slug));
    }

    [Theory]
    [InlineData("from=1&to=9", HttpStatusCode.NotFound, ProblemTypes.NotFound)]
    [InlineData("from=0&to=1", HttpStatusCode.BadRequest, ProblemTypes.Validation)]
    [InlineData("to=1", HttpStatusCode.BadRequest, ProblemTypes.Validation)]
    [InlineData("from=x&to=1", HttpStatusCode.BadRequest, ProblemTypes.Validation)]
    public async Task ABadVersionForTheDiffIsAProblem(string query, HttpStatusCode status, string type)
    {
        var (created, _) = await _client.CreateAsync("Diff errors", "a\n");

        using var response = await _client.GetAsync($"/api/documents/{created.Slug}/diff?{query}");

        await response.AssertProblemAsync(status, type);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheDiffBodyAndTheDiffResponse()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var patch = paths.GetProperty("/api/documents/{idOrSlug}").GetProperty("patch");
        var bodyTypes = patch.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(p => p.Name);
        var diff = paths.GetProperty("/api/documents/{idOrSlug}/diff").GetProperty("get");

        Assert.Equal(["text/x-diff", "text/x-patch"], bodyTypes);
        foreach (var status in (string[])["200", "400", "409", "412", "413", "415", "428"])
        {
            Assert.True(patch.GetProperty("responses").TryGetProperty(status, out _), status);
        }

        Assert.True(diff.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/x-diff", out _));
    }

    private async Task AssertPatchedAsync(string name, string old, string @new, string diff)
    {
        var (created, etag) = await _client.CreateAsync($"Patch: {name}", old);

        using var response = await _client.SendAsync(Patch(created.Id.ToString(), diff, etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"content\"", body, StringComparison.Ordinal);
        var summary = JsonSerializer.Deserialize<VersionSummary>(body, ApiClient.Json)!;
        Assert.Equal((2, true, (long)Encoding.UTF8.GetByteCount(@new)), (summary.Version, summary.Changed, summary.Size));
        using var get = await _client.GetAsync($"/api/documents/{created.Id}");
        Assert.Equal(get.Headers.ETag!.ToString(), response.Headers.ETag!.ToString());
        Assert.Equal(@new, (await get.ReadAsync<DocumentResponse>()).Content);
    }

    private async Task<string> ContentAsync(string idOrSlug) =>
        (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{idOrSlug}", ApiClient.Json))!.Content;

    private async Task<int> VersionAsync(string idOrSlug) =>
        (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{idOrSlug}", ApiClient.Json))!.Version;

    private static HttpRequestMessage Patch(string idOrSlug, string diff, string? ifMatch, string? contentType = "text/x-diff", string? author = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/documents/{idOrSlug}") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(diff)) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

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

    private static string Lines(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"line {i}\n"));
}
