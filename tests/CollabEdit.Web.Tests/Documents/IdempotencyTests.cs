using System.Net.Http.Json;
using System.Net;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Tests.Documents;

public sealed class IdempotencyTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SameKeyAndSamePayloadReplaysTheOriginal201WithoutASecondDocument()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Idempotent", content = "first\n" };
        using var first = await PostAsync(key, body);
        var original = await first.ReadAsync<DocumentResponse>();
        using (await _client.SendAsync(ApiClient.Put(original.Slug, new { content = "edited later\n" }, first.Headers.ETag!.ToString())))
        {
        }

        using var replay = await PostAsync(key, body);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        Assert.Equal(original, await replay.ReadAsync<DocumentResponse>());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        await using var scope = factory.OpenDb();
        Assert.Equal(1, await scope.Db.Documents.CountAsync(d => d.Title == "Idempotent"));
    }

    [Fact]
    public async Task SameKeyWithADifferentPayloadReturns422()
    {
        var key = Guid.NewGuid().ToString();
        using (await PostAsync(key, new { title = "Key reuse", content = "a" }))
        {
        }

        using var response = await PostAsync(key, new { title = "Key reuse", content = "b" });

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, ProblemTypes.IdempotencyKeyReused);
    }

    [Fact]
    public async Task SameKeyWhileTheFirstRequestIsInFlightReturns409()
    {
        var key = Guid.NewGuid().ToString();
        var request = new CreateDocumentRequest("In flight", null, "x");
        await using (var scope = factory.OpenDb())
        {
            // What a request in progress has committed: its claim on the key, and nothing else yet.
            scope.Db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Owner = IdempotencyRules.OwnerOf(new DocumentActor(DocumentRules.AnonymousAuthor)),
                Key = key,
                RequestHash = IdempotencyStore.HashRequest(request),
                State = IdempotencyState.InFlight,
                CreatedAt = DateTime.UtcNow,
            });
            await scope.Db.SaveChangesAsync();
        }

        using var response = await PostAsync(key, new { title = request.Title, content = request.Content });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.IdempotencyKeyInFlight);
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneKeyCreateOneDocument()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Concurrent key", content = "x" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(key, body)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToList();
        Assert.NotEmpty(created);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Single(created.Select(r => r.Headers.Location).Distinct());
        await using var scope = factory.OpenDb();
        Assert.Equal(1, await scope.Db.Documents.CountAsync(d => d.Title == "Concurrent key"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task AFailedCreateReleasesItsKeySoARetryRunsAgain()
    {
        await _client.CreateAsync("Holder", slug: "held-slug");
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Wants held slug", slug = "held-slug" };

        using var first = await PostAsync(key, body);
        using var retry = await PostAsync(key, body);

        await first.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.SlugTaken);
        await retry.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.SlugTaken);
    }

    [Fact]
    public async Task InOpenModeTheSameKeyFromAnotherNameIsAnotherKey()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Named key", content = "x\n" };

        using var ana = await PostAsync(key, body, author: "Ana");
        using var bo = await PostAsync(key, body, author: "Bo");
        using var anaAgain = await PostAsync(key, body, author: "Ana");

        Assert.Equal(HttpStatusCode.Created, bo.StatusCode);
        Assert.False(bo.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(ana.Headers.Location, bo.Headers.Location);
        Assert.Equal(ana.Headers.Location, anaAgain.Headers.Location);
        Assert.Equal("true", anaAgain.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task AKeyWithControlCharactersOrTooLongReturns400()
    {
        using var response = await PostAsync(new string('k', IdempotencyRules.MaxKeyLength + 1), new { title = "Bad key" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.Validation);
    }

    private Task<HttpResponseMessage> PostAsync(string key, object body, string? author = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(body) };
        request.Headers.Add(IdempotencyRules.HeaderName, key);
        if (author is not null)
        {
            request.Headers.Add("X-Author", author);
        }

        return _client.SendAsync(request);
    }
}
