using CollabEdit.Web.Features.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>The accounts API's own problems.</summary>
public static class AccountProblems
{
    /// <summary>
    /// The one answer to every failed sign-in, whether the email has no account, the password is wrong or a second
    /// factor is missing: a different answer would tell a stranger which emails have accounts.
    /// </summary>
    public static ProblemHttpResult SignInFailed() => TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Type = ProblemTypes.SignInFailed,
        Title = "Sign-in failed",
        Detail = "The email or the password is wrong.",
    });

    /// <summary>A refresh token that is expired, unknown, already used (which ends its session) or of an ended session.</summary>
    public static ProblemHttpResult RefreshRefused() => TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
    {
        Status = StatusCodes.Status401Unauthorized,
        Type = ProblemTypes.Unauthenticated,
        Title = "Sign in again",
        Detail = "This refresh token no longer works: it expired, was already used, or its session ended. POST /api/auth/login for new tokens.",
    });
}
