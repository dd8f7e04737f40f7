using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>
/// Who may not, or not now: the answers of the gate and of the rate limit, and what a change of access answers. Apart
/// from <see cref="DocumentOutcome"/> (what happened to the document) so that each family reads on its own; both are
/// <see cref="Outcome"/>s, rendered by the same two renderers. A document the caller has no role on is
/// <see cref="DocumentOutcome.NotFound"/>, the same answer as one that does not exist.
/// </summary>
public abstract record AccessOutcome : Outcome
{
    private AccessOutcome()
    {
    }

    /// <summary>Nobody is signed in, and this server is not in open mode (401).</summary>
    public sealed record Unauthenticated : AccessOutcome;

    /// <summary>The user may see the document, but their role does not allow this (403).</summary>
    public sealed record Forbidden(Guid DocumentId, DocumentRole Role, DocumentAction Needed) : AccessOutcome;

    /// <summary>
    /// The caller's write allowance is spent (429): nothing was done, and <paramref name="RetryAfterSeconds"/> says when
    /// to try again. Taken once per command by the pipeline, whoever calls (API, editor, list, sharing dialog).
    /// </summary>
    public sealed record RateLimited(int RetryAfterSeconds) : AccessOutcome;

    /// <summary>
    /// The write would take the storage allowance of the account the document is charged to (its owner, whoever
    /// saves) over what it is allowed (507, as WebDAV answers a quota): nothing was written. <paramref name="Used"/>
    /// and <paramref name="Allowed"/> are bytes on disk; <paramref name="Needed"/> is the most this write could add;
    /// <paramref name="Yours"/>: the allowance is the caller's own (else the document's owner's).
    /// </summary>
    public sealed record StorageAllowanceExceeded(long Used, long Allowed, long Needed, bool Yours) : AccessOutcome;

    /// <summary>This server runs in open mode: everyone may edit everything, so there is no access to manage (403, its own type).</summary>
    public sealed record AccessNotManaged : AccessOutcome;

    /// <summary>Who has access to a document, after a change or when asked; <paramref name="Change"/>: what changed, to announce.</summary>
    public sealed record AccessListed(Guid DocumentId, IReadOnlyList<AccessEntry> Entries, AccessChange? Change = null) : AccessOutcome;

    /// <summary>The change would leave the document without an owner (422).</summary>
    public sealed record LastOwner(Guid DocumentId) : AccessOutcome;

    /// <summary>No account has this email (404, its own type).</summary>
    public sealed record UserNotFound(string Email) : AccessOutcome;
}
