using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Auth;

/// <summary>
/// Password guessing is held back per client address, whatever token comes with it, and never by locking the
/// account: requests come from 127.0.0.1 (a configured proxy) with X-Forwarded-For naming the client.
/// </summary>
public sealed class SignInLimitPerAddressTests(SignInLimitPerAddressTests.TwelveAttempts app) : IClassFixture<SignInLimitPerAddressTests.TwelveAttempts>
{
    public sealed class TwelveAttempts : KestrelAppFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Access:Mode"] = "Secure",
            ["CollabEdit:Proxy:KnownProxies:0"] = "127.0.0.1",
            ["CollabEdit:RateLimiting:SignIn:TokenLimit"] = "12",
            ["CollabEdit:RateLimiting:SignIn:TokensPerPeriod"] = "1",
            ["CollabEdit:RateLimiting:SignIn:ReplenishmentPeriod"] = "00:10:00",
        };
    }

    [Fact]
    public async Task AValidTokenAttachedToASignInDoesNotBringAFreshAllowance()
    {
        const string address = "10.0.1.1";
        var email = $"guesser-{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.OK, await SendAsync(address, "/api/auth/register", new { email, password = Accounts.Password }));
        using var login = await PostAsync(address, "/api/auth/login", new { email, password = Accounts.Password }, token: null);
        var token = (await login.Content.ReadFromJsonAsync<TokenPair>())!.AccessToken;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(address, "/api/auth/login", new { email = "victim@example.org", password = $"guess {i}" }));
        }

        // The address has spent its 12 attempts: its own account's token changes nothing, for sign-in or sign-up.
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync(address, "/api/auth/login", new { email = "victim@example.org", password = "guess" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync(address, "/api/auth/login", new { email = "victim@example.org", password = "guess" }, token));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync(address, "/api/auth/register", new { email = $"more-{Guid.NewGuid():N}@example.org", password = Accounts.Password }, token));
    }

    [Fact]
    public async Task ManyWrongPasswordsFromOneAddressNeverLockTheOwnerOutFromAnother()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.org";
        Assert.Equal(HttpStatusCode.OK, await SendAsync("10.0.2.1", "/api/auth/register", new { email, password = Accounts.Password }));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add(await SendAsync("10.0.2.2", "/api/auth/login", new { email, password = $"guess number {i}" }));
        }

        Assert.Equal(12, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.OK, await SendAsync("10.0.2.1", "/api/auth/login", new { email, password = Accounts.Password }));
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CollabEditUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!));
    }

    private async Task<HttpStatusCode> SendAsync(string address, string path, object body, string? token = null)
    {
        using var response = await PostAsync(address, path, body, token);
        return response.StatusCode;
    }

    private async Task<HttpResponseMessage> PostAsync(string address, string path, object body, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var client = app.CreateRealClient();
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private sealed record TokenPair(string AccessToken, string RefreshToken);
}
