using System.Security.Claims;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>
/// Who is asking, the same way for every path: a signed-in account is its id and display name (from the sign-in's
/// claims, never from the request); nobody signed in is the name the client gave, which only open mode accepts.
/// </summary>
public static class Actors
{
    /// <summary>The claim that carries an account's display name in its cookie and bearer token.</summary>
    public const string DisplayNameClaim = "collabedit:display_name";

    public static DocumentActor From(ClaimsPrincipal? user, string? givenName, string? client = null, string? agent = null, string? givenNameError = null) =>
        UserIdOf(user) is { } userId
            ? new DocumentActor(DisplayNameOf(user!), client, agent, UserId: userId)
            : new DocumentActor(givenName, client, agent, givenNameError);

    /// <summary>An HTTP request's actor: the signed-in account (cookie or bearer token), else X-Author (open mode).</summary>
    public static DocumentActor FromRequest(HttpContext http)
    {
        var client = http.Connection.RemoteIpAddress?.ToString();
        var agent = http.Request.Headers.UserAgent.ToString();
        if (UserIdOf(http.User) is not null)
        {
            return From(http.User, null, client, agent);
        }

        var (name, error) = Authors.FromRequest(http);
        return From(null, name, client, agent, error);
    }

    public static string? UserIdOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    /// <summary>The display name of a signed-in user; their email's first part if the account has none.</summary>
    public static string DisplayNameOf(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) is { Length: > 0 } name ? name : (user.Identity?.Name?.Split('@')[0] ?? DocumentRules.AnonymousAuthor);
}
