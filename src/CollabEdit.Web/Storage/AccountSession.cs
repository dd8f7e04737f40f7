namespace CollabEdit.Web.Storage;

/// <summary>
/// One sign-in of an account (a browser's cookie, or a script's pair of bearer and refresh tokens). Every cookie
/// and token carries its session's id (the <c>SessionClaims.SessionId</c> claim) and is accepted only while this row
/// exists: ending a session (sign-out, a password change elsewhere, a reused refresh token) deletes it, and with it
/// everything that session was given, however long the tokens themselves would still have lived.
/// </summary>
public sealed class AccountSession
{
    /// <summary>Random, 32 hex digits; carried in the session's cookie or tokens.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>
    /// The one refresh token of this session that still works (the id it carries), or null for a cookie session.
    /// Each refresh replaces it by a guarded UPDATE (… WHERE RefreshId = the presented one), so a refresh token
    /// works exactly once, even when two requests present it at the same moment.
    /// </summary>
    public string? RefreshId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the session's cookie or refresh token expires unless renewed; past it, the row is swept.</summary>
    public DateTime ExpiresAt { get; set; }
}
