using System.Net;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>Many writers, one base: the database lets exactly one of them win.</summary>
public sealed class SaveRaceTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private const int Writers = 20;
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TwentyParallelSavesWithTheSameBaseVersionLetExactlyOneWin()
    {
        var (created, _) = await _client.CreateAsync("Race on baseVersion", "start\n");

        var statuses = await RaceAsync(writer => ApiClient.Put(created.Slug, new { content = $"writer {writer}\n", baseVersion = 1 }, author: $"w{writer}"));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        await AssertHistoryHasExactlyOneNewRevisionAsync(created.Id);
    }

    [Fact]
    public async Task TwentyParallelSavesWithTheSameIfMatchLetExactlyOneWin()
    {
        var (created, etag) = await _client.CreateAsync("Race on If-Match", "start\n");

        var statuses = await RaceAsync(writer => ApiClient.Put(created.Slug, new { content = $"writer {writer}\n" }, etag, $"w{writer}"));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(Writers - 1, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        await AssertHistoryHasExactlyOneNewRevisionAsync(created.Id);
    }

    [Fact]
    public async Task RoundsOfRacingWritersNeverLoseOrDuplicateAVersion()
    {
        var (created, _) = await _client.CreateAsync("Rounds", "0\n");
        for (var round = 1; round <= 5; round++)
        {
            var baseVersion = round;
            var statuses = await RaceAsync(writer => ApiClient.Put(created.Slug, new { content = $"round {baseVersion} writer {writer}\n", baseVersion }));
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        }

        await using var scope = factory.OpenDb();
        var versions = await scope.Db.Revisions.Where(r => r.DocumentId == created.Id).Select(r => r.Version).OrderBy(v => v).ToListAsync();
        Assert.Equal([1, 2, 3, 4, 5, 6], versions);
        var head = await scope.Db.Documents.SingleAsync(d => d.Id == created.Id);
        Assert.Equal(6, head.CurrentVersion);
    }

    [Fact]
    public async Task ManyParallelSavesOnManyDocumentsAllLandInOrder()
    {
        // Saves are committed in groups: every one of them must still land, each on its own document's next version.
        var documents = new List<DocumentResponse>();
        for (var i = 0; i < 10; i++)
        {
            documents.Add((await _client.CreateAsync($"Group commit {i}", "v1\n")).Document);
        }

        for (var version = 1; version <= 5; version++)
        {
            var baseVersion = version;
            var saves = documents.Select(d => Task.Run(async () =>
            {
                using var response = await _client.SendAsync(ApiClient.Put(d.Id.ToString(), new { content = $"v{baseVersion + 1}\n", baseVersion }));
                return response.StatusCode;
            }));
            Assert.All(await Task.WhenAll(saves), status => Assert.Equal(HttpStatusCode.OK, status));
        }

        await using var scope = factory.OpenDb();
        foreach (var document in documents)
        {
            var revisions = await scope.Db.Revisions.Where(r => r.DocumentId == document.Id).OrderBy(r => r.Version).ToListAsync();
            Assert.Equal([1, 2, 3, 4, 5, 6], revisions.Select(r => r.Version));
            // The texts as storage reads them back (snapshot and deltas, checked against each version's hash).
            var store = new DocumentStore(scope.Db, TimeProvider.System);
            var texts = new List<string?>();
            foreach (var revision in revisions)
            {
                texts.Add(await store.TextAsync(document.Id, revision.Version, CancellationToken.None));
            }

            Assert.Equal(["v1\n", "v2\n", "v3\n", "v4\n", "v5\n", "v6\n"], texts);
            Assert.Equal([null, 1, 2, 3, 4, 5], revisions.Select(r => r.BaseVersion));
        }
    }

    [Fact]
    public async Task ParallelCreatesWithTheSameSlugLetExactlyOneWin()
    {
        var statuses = await RaceAsync(writer => new HttpRequestMessage(HttpMethod.Post, "/api/documents")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { title = $"Slug race {writer}", slug = "slug-race" }),
        });

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Writers - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task EveryLoserOfARaceIsToldTheWinnersVersionNotItsOwnBase()
    {
        // On PostgreSQL a loser's statement may have begun before the winner committed: what it answers must still be
        // the version the winner made.
        var (created, _) = await _client.CreateAsync("Losers are told", "start\n");

        var answers = await RaceWithBodiesAsync(writer => ApiClient.Put(created.Slug, new { content = $"writer {writer}\n", baseVersion = 1 }));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Conflict), a => Assert.Equal(2, a.Body.GetProperty("currentVersion").GetInt32()));
    }

    [Fact]
    public async Task TwentyParallelOverwritesWithIfMatchStarAllLandOneAfterTheOther()
    {
        var (created, _) = await _client.CreateAsync("Race on If-Match *", "start\n");

        var statuses = await RaceAsync(writer => ApiClient.Put(created.Slug, new { content = $"writer {writer}\n" }, "*"));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        await using var scope = factory.OpenDb();
        var versions = await scope.Db.Revisions.Where(r => r.DocumentId == created.Id).Select(r => r.Version).OrderBy(v => v).ToListAsync();
        Assert.Equal(Enumerable.Range(1, Writers + 1), versions);
    }

    private async Task<HttpStatusCode[]> RaceAsync(Func<int, HttpRequestMessage> request) =>
        [.. (await RaceWithBodiesAsync(request)).Select(answer => answer.Status)];

    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)[]> RaceWithBodiesAsync(Func<int, HttpRequestMessage> request)
    {
        using var start = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            start.Wait();
            using var message = request(writer);
            using var response = await _client.SendAsync(message);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone());
        })).ToArray();
        start.Set();
        return await Task.WhenAll(writers);
    }

    private async Task AssertHistoryHasExactlyOneNewRevisionAsync(Guid documentId)
    {
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        var revisions = await db.Revisions.Where(r => r.DocumentId == documentId).OrderBy(r => r.Version).ToListAsync();
        Assert.Equal([1, 2], revisions.Select(r => r.Version));
        var head = await db.Documents.SingleAsync(d => d.Id == documentId);
        Assert.Equal(2, head.CurrentVersion);
        Assert.Equal(revisions[1].Author, head.UpdatedBy);
        var text = await new DocumentStore(db, TimeProvider.System).TextAsync(documentId, 2, CancellationToken.None);
        Assert.Equal(DocumentRules.ContentHash(text!), revisions[1].ContentHash);
    }
}
