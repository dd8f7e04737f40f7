using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>The account of the caller: who am I, my display name.</summary>
public sealed record AccountResponse(string Email, string DisplayName);

public sealed record DisplayNameRequest(string? DisplayName);

/// <summary>
/// /api/auth: ASP.NET Core Identity's endpoints (register, login with cookie or bearer token, refresh, manage…)
/// and the caller's own account (display name, sign-out). Rate-limited like every write: these are the door.
/// </summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts").RequireRateLimiting(WriteRateLimiting.PolicyName);
        // Password guessing gets its own, much smaller limit per address: register and login (the rest are writes;
        // the endpoint's own limit wins over the group's).
        auth.MapIdentityApi<CollabEditUser>().Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route }
                && (route.EndsWith("/login", StringComparison.Ordinal) || route.EndsWith("/register", StringComparison.Ordinal)))
            {
                endpoint.Metadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(WriteRateLimiting.SignInPolicyName));
            }
        });

        auth.MapGet("/me", GetAccount).WithName(nameof(GetAccount))
            .WithSummary("The signed-in account")
            .ProducesProblems(401);
        auth.MapPut("/me", SetDisplayName).WithName(nameof(SetDisplayName))
            .WithSummary("Change the display name shown on saves and in presence (sign in again to carry it in a token)")
            .ProducesProblems(400, 401, 429);
        auth.MapPost("/logout", SignOut).WithName(nameof(SignOut))
            .WithSummary("Sign the browser out (ends the cookie sign-in; bearer tokens simply expire)");
        return auth;
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> GetAccount(HttpContext http, UserManager<CollabEditUser> users)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return DocumentProblems.Unauthenticated();
        }

        return TypedResults.Ok(new AccountResponse(user.Email!, user.DisplayName));
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> SetDisplayName(
        DisplayNameRequest request, HttpContext http, UserManager<CollabEditUser> users, SignInManager<CollabEditUser> signIn, AccountService accounts)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return DocumentProblems.Unauthenticated();
        }

        var errors = await accounts.ChangeDisplayNameAsync(user.Id, request.DisplayName);
        if (errors.Count > 0)
        {
            return DocumentProblems.Validation(errors.ToDictionary());
        }

        user = (await users.FindByIdAsync(user.Id))!;
        // A cookie sign-in carries the new name at once; a bearer token keeps the old one until it is refreshed.
        if (Actors.UserIdOf(http.User) is not null && http.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return TypedResults.Ok(new AccountResponse(user.Email!, user.DisplayName));
    }

    public static async Task<NoContent> SignOut(SignInManager<CollabEditUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }
}
