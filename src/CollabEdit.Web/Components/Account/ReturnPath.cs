namespace CollabEdit.Web.Components.Account;

/// <summary>Where to send someone after signing in or up: a path on this site, never another site (no open redirect).</summary>
public static class ReturnPath
{
    public static string Of(string? returnUrl) =>
        returnUrl is { Length: > 0 } path && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal) && !path.StartsWith("/\\", StringComparison.Ordinal)
            && !path.StartsWith("/account/", StringComparison.Ordinal)
            ? path
            : "/";
}
