using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>A save on a stale base version is refused (409) with the server's merge of it onto the current version.</summary>
public sealed class ProposedMergeTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Creates a document and saves <paramref name="theirs"/> on top of it: the current version is 2.</summary>
    private async Task<DocumentResponse> TwoVersionsAsync(string title, string baseText, string theirs)
    {
        var (created, _) = await _client.CreateAsync(title, baseText);
        using var saved = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = theirs, baseVersion = 1 }, author: "Ana"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return created;
    }

    private async Task<(HttpResponseMessage Response, JsonElement Problem)> StaleSaveAsync(string slug, string mine)
    {
        var response = await _client.SendAsync(ApiClient.Put(slug, new { content = mine, baseVersion = 1 }, author: "Bo"));
        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.StaleBaseVersion);
        return (response, await response.ReadProblemAsync());
    }

    private async Task<string> ContentOfAsync(string slug) =>
        (await _client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{slug}", ApiClient.Json))!.Content;

    [Fact]
    public async Task AStaleSaveThatMergesCleanlyIsProposedMergedAndTheMergeSavesWithTheCurrentETag()
    {
        var created = await TwoVersionsAsync("Clean proposal", "one\n\ntwo\n\nthree\n", "ONE\n\ntwo\n\nthree\n");

        var (response, problem) = await StaleSaveAsync(created.Slug, "one\n\ntwo\n\nTHREE\n");
        using var _ = response;

        var merge = problem.GetProperty("merge");
        Assert.Equal(0, merge.GetProperty("conflicts").GetInt32());
        Assert.Equal("ONE\n\ntwo\n\nTHREE\n", merge.GetProperty("content").GetString());
        Assert.Contains("PUT merge.content", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("ONE\n\ntwo\n\nthree\n", await ContentOfAsync(created.Slug));

        // The script's whole "fetch, merge, resubmit": one more request.
        var currentETag = problem.GetProperty("currentETag").GetString();
        using var resubmitted = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = merge.GetProperty("content").GetString() }, currentETag, "Bo"));
        Assert.Equal(HttpStatusCode.OK, resubmitted.StatusCode);
        Assert.Equal(3, (await resubmitted.ReadAsync<DocumentResponse>()).Version);
        Assert.Equal("ONE\n\ntwo\n\nTHREE\n", await ContentOfAsync(created.Slug));
    }

    [Fact]
    public async Task AStaleSaveThatConflictsIsProposedWithGitsMarkersNamingTheVersionsAndNothingIsSaved()
    {
        var created = await TwoVersionsAsync("Conflicted proposal", "title\n\nthe colour is red\n", "title\n\nthe colour is green\n");

        var (response, problem) = await StaleSaveAsync(created.Slug, "title\n\nthe colour is blue\n");
        using var _ = response;

        var merge = problem.GetProperty("merge");
        Assert.Equal(1, merge.GetProperty("conflicts").GetInt32());
        Assert.Equal(
            "title\n\n<<<<<<< your edit of v1\nthe colour is blue\n=======\nthe colour is green\n>>>>>>> v2 (current)\n",
            merge.GetProperty("content").GetString());
        Assert.Contains("1 conflict(s)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("title\n\nthe colour is green\n", await ContentOfAsync(created.Slug));
    }

    [Fact]
    public async Task TwoEditsOfOneParagraphAreMergedWordByWordWhereGitWouldConflict()
    {
        const string paragraph = "The quick brown fox jumps over the lazy dog. It was a sunny day in the valley.\n";
        var created = await TwoVersionsAsync("Prose proposal", paragraph, paragraph.Replace("quick", "swift", StringComparison.Ordinal));

        var (response, problem) = await StaleSaveAsync(created.Slug, paragraph.Replace("sunny", "rainy", StringComparison.Ordinal));
        using var _ = response;

        var merge = problem.GetProperty("merge");
        Assert.Equal(0, merge.GetProperty("conflicts").GetInt32());
        Assert.Equal("The swift brown fox jumps over the lazy dog. It was a rainy day in the valley.\n", merge.GetProperty("content").GetString());
    }

    [Fact]
    public async Task TheReadmesTripPlanMergesAsTheReadmeSays()
    {
        var created = await TwoVersionsAsync("Trip plan", "Day 1: Lisbon\nDay 2: Porto\n", "Day 1: Lisbon\nDay 2: Sintra\n");

        var (response, problem) = await StaleSaveAsync(created.Slug, "Day 1: Lisbon, Belém\nDay 2: Porto\n");
        using var _ = response;

        Assert.Equal(response.Headers.ETag!.ToString(), problem.GetProperty("currentETag").GetString());
        var merge = problem.GetProperty("merge");
        Assert.Equal(("Day 1: Lisbon, Belém\nDay 2: Sintra\n", 0), (merge.GetProperty("content").GetString(), merge.GetProperty("conflicts").GetInt32()));
    }

    [Fact]
    public async Task TheEditorsSaveThroughTheCommandIsRefusedWithTheProposalToo()
    {
        var created = await TwoVersionsAsync("Editor proposal", "a\n\nb\n", "A\n\nb\n");
        var commands = factory.Services.GetRequiredService<CommandPipeline>();

        var outcome = await commands.SendAsync(SaveDocumentCommand.OnBase(created.Id, "a\n\nB\n", null, 1, new DocumentActor("Bo")), CancellationToken.None);

        var stale = Assert.IsType<DocumentOutcome.Stale>(outcome);
        Assert.Equal(new ProposedMerge("A\n\nB\n", 0), stale.Merge);
    }

    [Fact]
    public async Task ASaveOnTheCurrentVersionIsNeverMerged()
    {
        var created = await TwoVersionsAsync("No merge unasked", "a\n", "b\n");

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "c\n", baseVersion = 2 }, author: "Bo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("c\n", (await response.ReadAsync<DocumentResponse>()).Content);
    }
}

/// <summary>Above the inline limit, the 409 does not carry what it cannot send cheaply.</summary>
public sealed class ProposedMergeLimitTests(ProposedMergeLimitTests.SmallInlineLimitFactory factory) : IClassFixture<ProposedMergeLimitTests.SmallInlineLimitFactory>
{
    public sealed class SmallInlineLimitFactory : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Limits:MaxInlineConflictContentBytes"] = "64",
        };
    }

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> StaleSaveAsync(string baseText, string theirs, string mine)
    {
        var (created, _) = await _client.CreateAsync("Inline limit", baseText);
        using (var saved = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = theirs, baseVersion = 1 }, author: "Ana")))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using var response = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = mine, baseVersion = 1 }, author: "Bo"));
        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.StaleBaseVersion);
        return await response.ReadProblemAsync();
    }

    [Fact]
    public async Task ACurrentVersionAboveTheInlineLimitIsNeitherSentNorMergedOnlyLinked()
    {
        var large = string.Concat(Enumerable.Range(0, 10).Select(i => $"line {i} of a long text\n"));

        var problem = await StaleSaveAsync(large, "first\n" + large, large + "last\n");

        Assert.False(problem.TryGetProperty("merge", out _));
        Assert.False(problem.TryGetProperty("currentContent", out _));
        var current = await _client.GetFromJsonAsync<RevisionResponse>(problem.GetProperty("currentRevision").GetString(), ApiClient.Json);
        Assert.Equal("first\n" + large, current!.Content);
        Assert.NotNull(problem.GetProperty("baseRevision").GetString());
    }

    [Fact]
    public async Task AMergedTextAboveTheInlineLimitIsCountedButNotSent()
    {
        var problem = await StaleSaveAsync("a\n\nb\n", "A\n\nb\n", "a\n\nb\n" + new string('x', 100) + "\n");

        Assert.Equal("A\n\nb\n", problem.GetProperty("currentContent").GetString());
        var merge = problem.GetProperty("merge");
        Assert.Equal(0, merge.GetProperty("conflicts").GetInt32());
        Assert.False(merge.TryGetProperty("content", out _));
        Assert.DoesNotContain("PUT merge.content", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
