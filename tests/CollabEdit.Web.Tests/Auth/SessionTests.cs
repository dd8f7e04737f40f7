using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Tests.Auth;

/// <summary>Sessions end when people end them: sign-out, refresh tokens that work once, a password change.</summary>
public sealed class SessionTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task SigningOutEndsTheAccessTokenAndTheRefreshToken()
    {
        var account = await factory.SignUpAsync("ana");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(account.AccessToken));

        using (var logout = await account.Client.PostAsync("/api/auth/logout", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(account.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(account.RefreshToken)).Status);
    }

    [Fact]
    public async Task SigningOutInTheBrowserEndsTheCookieEvenWhereACopyOfItIsKept()
    {
        var account = await factory.SignUpAsync("bo");
        var browser = CookieClient();
        using (var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = account.Email, password = Accounts.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var copy = await CopyOfCookieAsync(browser);
        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(copy));

        using (var logout = await browser.PostAsync("/api/auth/logout", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(copy));
    }

    [Fact]
    public async Task SigningInAgainInTheSameBrowserEndsTheSessionOfTheCookieItReplaces()
    {
        var bo = await factory.SignUpAsync("bo");
        var ana = await factory.SignUpAsync("ana");
        var browser = CookieClient();
        using (var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = bo.Email, password = Accounts.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var bosCookie = await CopyOfCookieAsync(browser);
        using (var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = ana.Email, password = Accounts.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(bosCookie));
        Assert.Equal(HttpStatusCode.OK, await MeWithCookieAsync(await CopyOfCookieAsync(browser)));
    }

    [Fact]
    public async Task ARefreshTokenWorksOnceAndUsingItAgainEndsItsSession()
    {
        var account = await factory.SignUpAsync("cy");

        var first = await RefreshAsync(account.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(first.Tokens!.AccessToken));

        // A second use is a copy or a replay: refused, and the session it belongs to ends, new tokens included.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(account.RefreshToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(first.Tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first.Tokens.RefreshToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(account.AccessToken));
    }

    [Fact]
    public async Task TwoRefreshesWithOneTokenAtTheSameMomentHaveOneWinner()
    {
        var account = await factory.SignUpAsync("dee");
        using var start = new SemaphoreSlim(0);
        var refreshes = Enumerable.Range(0, 8).Select(async _ =>
        {
            await start.WaitAsync();
            return (await RefreshAsync(account.RefreshToken)).Status;
        }).ToList();
        start.Release(refreshes.Count);

        var statuses = await Task.WhenAll(refreshes);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(refreshes.Count - 1, statuses.Count(s => s == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task ChangingThePasswordEndsEveryOtherSessionButNotTheCurrentOne()
    {
        var current = await factory.SignUpAsync("eve");
        var (otherAccess, otherRefresh) = await Accounts.LoginAsync(factory.CreateClient(), current.Email);
        var browser = CookieClient();
        using (var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = current.Email, password = Accounts.Password }))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        var cookie = await CopyOfCookieAsync(browser);

        using (var change = await current.Client.PostAsJsonAsync("/api/auth/password", new { currentPassword = Accounts.Password, newPassword = NewPassword }))
        {
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(otherAccess));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(otherRefresh)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeWithCookieAsync(cookie));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(current.AccessToken));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(current.RefreshToken)).Status);
        await Accounts.LoginAsync(factory.CreateClient(), current.Email, NewPassword);
    }

    [Fact]
    public async Task AWrongCurrentPasswordChangesNothingAndEndsNoSession()
    {
        var current = await factory.SignUpAsync("fay");
        var (otherAccess, _) = await Accounts.LoginAsync(factory.CreateClient(), current.Email);

        using var change = await current.Client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not the password", newPassword = NewPassword });

        await change.AssertProblemAsync(HttpStatusCode.BadRequest, Web.Features.Problems.ProblemTypes.Validation);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(otherAccess));
        await Accounts.LoginAsync(factory.CreateClient(), current.Email);
    }

    [Fact]
    public async Task ATokenIssuedBeforeSessionsExistedIsRefused()
    {
        var account = await factory.SignUpAsync("gus");
        var protector = factory.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme).BearerTokenProtector;
        var ticket = protector.Unprotect(account.AccessToken)!;
        var identity = (ClaimsIdentity)ticket.Principal.Identity!;
        // Such a token is this one without its session: valid, unexpired, of a real account.
        foreach (var claim in identity.FindAll(c => c.Type.StartsWith("collabedit:session", StringComparison.Ordinal) || c.Type == SessionClaims.RefreshId).ToList())
        {
            identity.RemoveClaim(claim);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(protector.Protect(ticket)));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(account.AccessToken));
    }

    private HttpClient CookieClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    /// <summary>The sign-in cookie as a header value, as someone who copied it (or the browser's own, kept) would send it.</summary>
    private static async Task<string> CopyOfCookieAsync(HttpClient browser)
    {
        // The client's cookie handler puts the Cookie header on the request it sends: read it from there.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("; ", request.Headers.TryGetValues("Cookie", out var values) ? values : []);
    }

    private async Task<HttpStatusCode> MeWithCookieAsync(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).SendAsync(request);
        return response.StatusCode;
    }

    private async Task<HttpStatusCode> MeAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await factory.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    private async Task<(HttpStatusCode Status, TokenPair? Tokens)> RefreshAsync(string refreshToken)
    {
        using var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<TokenPair>() : null);
    }

    private sealed record TokenPair(string AccessToken, string RefreshToken);
}
