using System.Security.Claims;
using CollabEdit.Web.Features.Access;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// Whose unsaved drafts the browser keeps (wwwroot-assets/drafts.js): a draft belongs to a person, not to the
/// browser, so two people on one browser never see each other's. The same key is used by the editor, which keeps
/// and offers drafts, and by sign-out, which removes them.
/// </summary>
public static class DraftOwners
{
    /// <summary>The signed-in account ("account:&lt;user id&gt;"); with nobody signed in (open mode), the name given ("name:&lt;name&gt;", "name:" before one is given).</summary>
    public static string Of(ClaimsPrincipal? user, string? givenName) =>
        Actors.UserIdOf(user) is { } userId ? $"account:{userId}" : $"name:{givenName?.Trim() ?? ""}";
}
