using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace CollabEdit.Web.Features.Api;

/// <summary>
/// /api/auth: sign-up, sign-in (a cookie for the browser, a bearer token pair for scripts), refresh, sign-out and
/// password change, each on a server-side session (<see cref="SessionSignIn"/>); and the caller's own account.
/// These replace ASP.NET Core Identity's MapIdentityApi, with the same requests and answers for register, login
/// and refresh. Identity's other endpoints are not exposed: forgotPassword, resetPassword, confirmEmail and
/// resendConfirmationEmail need mail, which this server does not send; manage/info's email change needs it too,
/// and two-factor sign-in has no page here.
/// Rate-limited like every write: these are the door; whatever checks a password or makes an account draws from
/// the much smaller sign-in bucket of its address (the endpoint's own limit wins over the group's).
/// </summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(WriteRateLimiting.PolicyName);
        auth.MapPost("/register", Register).WithName(nameof(Register))
            .WithSummary("Create an account (email and password of at least 10 characters)")
            .AllowAnonymous()
            .RequireRateLimiting(WriteRateLimiting.SignInPolicyName)
            .ProducesProblems(400, 429);
        auth.MapPost("/login", Login).WithName(nameof(Login))
            .WithSummary("Sign in: a bearer token pair, or with ?useCookies=true the browser's cookie")
            .AllowAnonymous()
            .RequireRateLimiting(WriteRateLimiting.SignInPolicyName)
            .Produces<AccessTokenResponse>()
            .ProducesProblems(400, 401, 429);
        auth.MapPost("/refresh", Refresh).WithName(nameof(Refresh))
            .WithSummary("Swap a refresh token for a new token pair; each refresh token works once, and using one twice ends its session")
            .AllowAnonymous()
            .Produces<AccessTokenResponse>()
            .ProducesProblems(400, 401, 429);
        auth.MapPost("/password", ChangePassword).WithName(nameof(ChangePassword))
            .WithSummary("Change the password; every other session of the account ends, this one goes on")
            .RequireRateLimiting(WriteRateLimiting.SignInPolicyName)
            .ProducesProblems(400, 401, 429);
        auth.MapGet("/me", GetAccount).WithName(nameof(GetAccount))
            .WithSummary("The signed-in account")
            .ProducesProblems(401);
        auth.MapPut("/me", SetDisplayName).WithName(nameof(SetDisplayName))
            .WithSummary("Change the display name shown on saves and in presence (refresh a bearer token to carry it)")
            .ProducesProblems(400, 401, 429);
        auth.MapPost("/logout", SignOut).WithName(nameof(SignOut))
            .WithSummary("Sign out: ends this session, its cookie, access token and refresh token alike")
            .ProducesProblems(429);
        return auth;
    }

    public static async Task<Results<Ok, ProblemHttpResult>> Register(RegisterRequest registration, AccountService accounts)
    {
        var errors = await accounts.RegisterAsync(registration.Email, registration.Password);
        return errors.Count == 0 ? TypedResults.Ok() : OutcomeProblems.Validation(errors.ToDictionary());
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest login, bool? useCookies, bool? useSessionCookies, SessionSignIn signIn, CancellationToken cancellationToken)
    {
        var cookie = useCookies == true || useSessionCookies == true;
        var persistent = useCookies == true && useSessionCookies != true;
        // On success the sign-in has written the answer (the cookie, or the token pair).
        return await signIn.PasswordAsync(login, cookie, persistent, cancellationToken) ? TypedResults.Empty : AccountProblems.SignInFailed();
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(RefreshRequest refresh, SessionSignIn signIn, CancellationToken cancellationToken) =>
        await signIn.RefreshAsync(refresh.RefreshToken, cancellationToken) is { } principal
            ? TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme)
            : AccountProblems.RefreshRefused();

    public static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(PasswordChangeRequest request, HttpContext http, AccountService accounts)
    {
        if (Actors.UserIdOf(http.User) is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return OutcomeProblems.Unauthenticated();
        }

        var errors = await accounts.ChangePasswordAsync(http.User, request.CurrentPassword, request.NewPassword);
        return errors.Count == 0 ? TypedResults.NoContent() : OutcomeProblems.Validation(errors.ToDictionary());
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccount(HttpContext http, UserManager<CollabEditUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return OutcomeProblems.Unauthenticated();
        }

        return TypedResults.Ok(new AccountResponse(user.Email!, user.DisplayName));
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> SetDisplayName(
        DisplayNameRequest request, HttpContext http, UserManager<CollabEditUser> users, SessionSignIn signIn, AccountService accounts)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return OutcomeProblems.Unauthenticated();
        }

        var errors = await accounts.ChangeDisplayNameAsync(user.Id, request.DisplayName);
        if (errors.Count > 0)
        {
            return OutcomeProblems.Validation(errors.ToDictionary());
        }

        user = (await users.FindByIdAsync(user.Id))!;
        // A cookie sign-in carries the new name at once; a bearer token keeps the old one until it is refreshed.
        if (Actors.UserIdOf(http.User) is not null && http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await signIn.RenewCookieAsync(user, http.User);
        }

        return TypedResults.Ok(new AccountResponse(user.Email!, user.DisplayName));
    }

    public static async Task<NoContent> SignOut(HttpContext http, SessionSignIn signIn, CancellationToken cancellationToken)
    {
        await signIn.SignOutAsync(http.User, cancellationToken);
        return TypedResults.NoContent();
    }
}
