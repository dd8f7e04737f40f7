using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Cluster;

/// <summary>
/// With several servers the rate limits are kept in Redis: a client spreading its requests over two servers has
/// one allowance, not one per server; and when Redis is out of reach each server goes on limiting alone.
/// </summary>
public sealed class SharedRateLimitTests(SharedRateLimitTests.Servers servers) : IClassFixture<SharedRateLimitTests.Servers>
{
    private const int WriteAllowance = 4;

    private static readonly Dictionary<string, string> TightLimits = new()
    {
        ["CollabEdit:RateLimiting:Writes:TokenLimit"] = $"{WriteAllowance}",
        ["CollabEdit:RateLimiting:Writes:TokensPerPeriod"] = "1",
        ["CollabEdit:RateLimiting:Writes:ReplenishmentPeriod"] = "00:10:00",
        ["CollabEdit:RateLimiting:Reads:TokenLimit"] = "2",
        ["CollabEdit:RateLimiting:Reads:TokensPerPeriod"] = "1",
        ["CollabEdit:RateLimiting:Reads:ReplenishmentPeriod"] = "00:00:01",
    };

    [Fact]
    public async Task AClientSavingThroughBothServersHasOneAllowanceNotOnePerServer()
    {
        var ana = await servers.A.SignUpAsync("Ana");
        var anaOnA = servers.A.CreateRealClient().WithToken(ana.AccessToken);
        var anaOnB = servers.B.CreateRealClient().WithToken(ana.AccessToken);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * WriteAllowance; i++)
        {
            using var created = await (i % 2 == 0 ? anaOnA : anaOnB).PostAsJsonAsync("/api/documents", new { title = $"Spread {i}" });
            answers.Add(created.StatusCode);
            if (created.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await created.AssertProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
                Assert.InRange(created.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
            }
        }

        // Alone, each server would have granted all of them (WriteAllowance each).
        Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.Created, WriteAllowance), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, WriteAllowance)],
            answers);

        // Another user's allowance is their own.
        var bo = await servers.A.SignUpAsync("Bo");
        using var bosSave = await servers.B.CreateRealClient().WithToken(bo.AccessToken).PostAsJsonAsync("/api/documents", new { title = "Bo's" });
        Assert.Equal(HttpStatusCode.Created, bosSave.StatusCode);
    }

    [Fact]
    public async Task ASharedBucketRefillsAfterTheWaitItAnnounces()
    {
        var cy = await servers.A.SignUpAsync("Cy");
        var clients = new[] { servers.A.CreateRealClient().WithToken(cy.AccessToken), servers.B.CreateRealClient().WithToken(cy.AccessToken) };

        // Two reads a second, over both servers: a third comes too soon (unless a second passed meanwhile).
        TimeSpan? wait = null;
        for (var i = 0; i < 20 && wait is null; i++)
        {
            using var read = await clients[i % 2].GetAsync("/api/documents");
            if (read.StatusCode == HttpStatusCode.TooManyRequests)
            {
                wait = read.Headers.RetryAfter!.Delta!.Value;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            }
        }

        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        await Task.Delay(wait!.Value + TimeSpan.FromMilliseconds(100));
        using var again = await clients[1].GetAsync("/api/documents");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task WithRedisOutOfReachEachServerStillLimitsAndAnswers()
    {
        var nowhere = $"127.0.0.1:{FreePort.Next()},connectTimeout=500";
        using var alone = new ClusterNode(nowhere, sharedDatabase: null, TightLimits);
        var client = alone.CreateRealClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < WriteAllowance + 1; i++)
        {
            using var created = await client.PostAsJsonAsync("/api/documents", new { title = $"Alone {i}" });
            answers.Add(created.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, WriteAllowance), HttpStatusCode.TooManyRequests], answers);
        Assert.Contains(alone.Logs, log => log.EventId == 3120);
    }

    /// <summary>Server A, and server B on A's database; both on the test run's Redis, with tight limits.</summary>
    public sealed class Servers() : ServerPair(TightLimits);
}
