using System.Net;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

public sealed class RateLimitTests(RateLimitTests.TightLimitFactory factory) : IClassFixture<RateLimitTests.TightLimitFactory>
{
    public sealed class TightLimitFactory : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["CollabEdit:Access:Mode"] = "Open",
            ["CollabEdit:RateLimiting:Writes:TokenLimit"] = "3",
            ["CollabEdit:RateLimiting:Writes:TokensPerPeriod"] = "1",
            ["CollabEdit:RateLimiting:Writes:ReplenishmentPeriod"] = "00:01:00",
        };
    }

    [Fact]
    public async Task WritesBeyondTheLimitGet429WithRetryAfterWhileReadsGoOn()
    {
        var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await client.CreateAsync($"Within limit {i}");
        }

        using var limited = await client.PostAsync("/api/documents", System.Net.Http.Json.JsonContent.Create(new { title = "One too many" }));
        using var read = await client.GetAsync("/api/documents");

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
        var retryAfter = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}
