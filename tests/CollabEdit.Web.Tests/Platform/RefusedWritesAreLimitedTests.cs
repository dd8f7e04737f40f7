using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// The command pipeline takes its write token only after the gate, so a refused write costs none of it; the attempts
/// are counted by their own bucket, or a client could repeat refused writes (each one read and checked) for free.
/// </summary>
public sealed class RefusedWritesAreLimitedTests(RefusedWritesAreLimitedTests.FewAttempts app) : IClassFixture<RefusedWritesAreLimitedTests.FewAttempts>
{
    private const int Attempts = 4;

    public sealed class FewAttempts : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:RateLimiting:WriteAttempts:TokenLimit"] = $"{Attempts}",
            ["CollabEdit:RateLimiting:WriteAttempts:TokensPerPeriod"] = "1",
            ["CollabEdit:RateLimiting:WriteAttempts:ReplenishmentPeriod"] = "00:10:00",
        };
    }

    [Fact]
    public async Task RepeatedInvalidSavesAreAnsweredWith429OnceTheAttemptsAreSpent()
    {
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Attempts + 2; i++)
        {
            // Numbers in JSON must be numbers: refused with 400 before any write token is taken.
            using var response = await client.PutAsync("/api/documents/welcome", JsonContent.Create(new { content = "x", baseVersion = "1" }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, Attempts).Concat([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]), statuses);
    }
}
