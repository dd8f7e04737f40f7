using System.Security.Claims;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// Signing in, refreshing and signing out, each tied to a server-side session (<see cref="SessionStore"/>):
/// what ASP.NET Core Identity's MapIdentityApi did for /login and /refresh (same requests, same answers, a cookie
/// or an <see cref="AccessTokenResponse"/>), plus sessions that end, refresh tokens that work once, and no lockout.
/// </summary>
public sealed class SessionSignIn(
    SignInManager<CollabEditUser> signIn,
    UserManager<CollabEditUser> users,
    IPasswordHasher<CollabEditUser> hasher,
    SessionStore sessions,
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    TimeProvider clock)
{
    // Made once per process with the configured hasher, so that checking a password against it costs what
    // checking a real account's costs.
    private static string? s_unknownAccountHash;

    /// <summary>
    /// Checks the email and password and, when right, answers with a cookie or a token pair for a new session.
    /// Identity's lockout is not used (<c>CheckPasswordAsync</c> never counts failures): a lockout lets anyone shut
    /// an account's owner out by guessing wrong on purpose; guessing is held back per address instead.
    /// </summary>
    /// <returns>Whether signed in (the response is written); false answers the same for every reason.</returns>
    public async Task<bool> PasswordAsync(LoginRequest login, bool useCookies, bool persistent, CancellationToken cancellationToken)
    {
        // JSON may give null for the required fields: the same refusal as any other.
        if (string.IsNullOrEmpty(login.Email) || login.Password is null)
        {
            return false;
        }

        var user = await users.FindByEmailAsync(login.Email);
        if (user is null)
        {
            // An unknown email takes as long to refuse as a wrong password: the time must not tell either.
            s_unknownAccountHash ??= hasher.HashPassword(new CollabEditUser(), SessionClaims.NewId());
            hasher.VerifyHashedPassword(new CollabEditUser(), s_unknownAccountHash, login.Password);
            return false;
        }

        if (!await users.CheckPasswordAsync(user, login.Password) || (user.TwoFactorEnabled && !await SecondFactorAsync(user, login)))
        {
            return false;
        }

        if (useCookies && (await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal is { } previous
            && Access.Actors.UserIdOf(previous) is not null && SessionClaims.SessionIdOf(previous) is { } previousSession)
        {
            // A browser signed in again (someone else, perhaps, on a shared computer): its cookie is about to be
            // replaced, and the session it belonged to ends with it rather than live on in a copy.
            await sessions.EndAsync(previousSession, cancellationToken);
        }

        var lifetime = useCookies
            ? cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan
            : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;
        var (sessionId, refreshId) = await sessions.StartAsync(user.Id, withRefresh: !useCookies, lifetime, cancellationToken);
        signIn.AuthenticationScheme = useCookies ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = persistent }, Claims(sessionId, refreshId));
        return true;
    }

    /// <summary>A new token pair for a refresh token that is the current one of a live session; the old one stops working.</summary>
    /// <returns>The principal to sign in with the bearer scheme, or null: expired, unknown, already used, or its session ended.</returns>
    public async Task<ClaimsPrincipal?> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var ticket = string.IsNullOrEmpty(refreshToken) ? null : options.RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expiresAt || clock.GetUtcNow() >= expiresAt
            || ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || SessionClaims.SessionIdOf(ticket.Principal) is not { } sessionId
            || SessionClaims.RefreshIdOf(ticket.Principal) is not { } refreshId)
        {
            return null;
        }

        if (await sessions.RotateAsync(sessionId, refreshId, options.RefreshTokenExpiration, cancellationToken) is not { } next)
        {
            return null;
        }

        if (await users.FindByIdAsync(userId) is not { } user)
        {
            await sessions.EndAsync(sessionId, cancellationToken);
            return null;
        }

        // Made afresh from the account, so that a changed display name travels with the new tokens.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaims(Claims(sessionId, next));
        return principal;
    }

    /// <summary>Issues the browser's cookie again from the account (a new display name), in the same session.</summary>
    public async Task RenewCookieAsync(CollabEditUser user, ClaimsPrincipal current)
    {
        var signedIn = await signIn.Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignInWithClaimsAsync(user, signedIn.Properties, Claims(SessionClaims.SessionIdOf(current)!, refreshId: null));
    }

    /// <summary>Ends the caller's session (cookie, access and refresh tokens alike) and removes the cookie.</summary>
    public async Task SignOutAsync(ClaimsPrincipal current, CancellationToken cancellationToken)
    {
        if (Access.Actors.UserIdOf(current) is not null && SessionClaims.SessionIdOf(current) is { } sessionId)
        {
            await sessions.EndAsync(sessionId, cancellationToken);
        }

        await signIn.SignOutAsync();
    }

    /// <summary>Accounts that turned on two-factor sign-in before its endpoints were withdrawn keep needing their code.</summary>
    private async Task<bool> SecondFactorAsync(CollabEditUser user, LoginRequest login) =>
        !string.IsNullOrEmpty(login.TwoFactorCode)
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, login.TwoFactorCode)
            : !string.IsNullOrEmpty(login.TwoFactorRecoveryCode) && (await users.RedeemTwoFactorRecoveryCodeAsync(user, login.TwoFactorRecoveryCode)).Succeeded;

    private static List<Claim> Claims(string sessionId, string? refreshId)
    {
        var claims = new List<Claim> { new(SessionClaims.SessionId, sessionId), new("amr", "pwd") };
        if (refreshId is not null)
        {
            claims.Add(new Claim(SessionClaims.RefreshId, refreshId));
        }

        return claims;
    }
}
