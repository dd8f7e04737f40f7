using System.Security.Claims;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>The claims that tie a cookie or a token to its <see cref="Storage.AccountSession"/>.</summary>
public static class SessionClaims
{
    /// <summary>The session a cookie or token belongs to.</summary>
    public const string SessionId = "collabedit:session";

    /// <summary>Which refresh token of the session this is (in both tokens of a pair; only the refresh token's use matters).</summary>
    public const string RefreshId = "collabedit:refresh";

    public static string? SessionIdOf(ClaimsPrincipal? user) => user?.FindFirstValue(SessionId);

    public static string? RefreshIdOf(ClaimsPrincipal? user) => user?.FindFirstValue(RefreshId);

    /// <summary>A new random id for a session or a refresh token: 128 bits, as 32 hex digits.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
