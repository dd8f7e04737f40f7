using System.Net.Http.Json;
using System.Net;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Access;

/// <summary>Password guessing: an address gets a few sign-in attempts, then 429; no account ever locks (anyone could lock anyone out).</summary>
public sealed class SignInLimitTests(SignInLimitTests.FewAttempts factory) : IClassFixture<SignInLimitTests.FewAttempts>
{
    public sealed class FewAttempts : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Access:Mode"] = "Secure",
            ["CollabEdit:RateLimiting:SignIn:TokenLimit"] = "12",
            ["CollabEdit:RateLimiting:SignIn:TokensPerPeriod"] = "1",
            ["CollabEdit:RateLimiting:SignIn:ReplenishmentPeriod"] = "00:10:00",
        };
    }

    [Fact]
    public async Task GuessingPasswordsIsLimitedPerAddressAndLocksNoAccount()
    {
        var client = factory.CreateClient();
        using (var register = await client.PostAsJsonAsync("/api/auth/register", new { email = "victim@example.org", password = Accounts.Password }))
        {
            register.EnsureSuccessStatusCode();
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 14; i++)
        {
            using var guess = await client.PostAsJsonAsync("/api/auth/login", new { email = "victim@example.org", password = $"guess number {i}" });
            statuses.Add(guess.StatusCode);
            if (guess.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await guess.AssertProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.RateLimited);
            }
        }

        // One attempt went to registering: 11 guesses answered 401, then the address is out of attempts.
        Assert.Equal(11, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // And the account is not locked: its owner, from another address, still signs in (SignInLimitPerAddressTests).
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CollabEditUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync("victim@example.org"))!));
    }
}
