namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Everything a document command can answer, as one closed set. The HTTP endpoints turn an outcome into a
/// status code and problem details (<see cref="DocumentResults"/>); the editor turns it into the merge dialog, the
/// error bar or the status line. Both see the same outcome for the same input.
/// </summary>
public abstract record DocumentOutcome
{
    private DocumentOutcome()
    {
    }

    /// <summary>A save was accepted. <paramref name="Changed"/> is false when it was identical to the current version: no new version.</summary>
    public sealed record Saved(DocumentSnapshot Document, bool Changed) : DocumentOutcome;

    /// <summary>A document was created (or, with the same Idempotency-Key and body, created before: <paramref name="Replayed"/>).</summary>
    public sealed record Created(DocumentSnapshot Document, bool Replayed) : DocumentOutcome;

    /// <summary>Archived or restored (or already in that state).</summary>
    public sealed record StateChanged(Document Current) : DocumentOutcome;

    public sealed record NotFound(string IdOrSlug) : DocumentOutcome;

    /// <summary>The document is archived: it cannot be changed until it is restored.</summary>
    public sealed record Archived(Document Current) : DocumentOutcome;

    /// <summary>An owner locked the document: it cannot be changed until an owner unlocks it (409, never a merge).</summary>
    public sealed record Locked(Document Current) : DocumentOutcome;

    /// <summary>
    /// The save named a base version that is no longer current (409): what a three-way merge needs. The current
    /// content is included only below the inline limit; otherwise read the current revision.
    /// </summary>
    public sealed record Stale(Document Current, int BaseVersion, IReadOnlyList<ChangeSinceBase> ChangesSinceBase, string? CurrentContent) : DocumentOutcome;

    /// <summary>If-Match named no current version (412).</summary>
    public sealed record PreconditionFailed(Document Current) : DocumentOutcome;

    /// <summary>Neither If-Match nor a base version was given (428).</summary>
    public sealed record PreconditionRequired(Guid DocumentId) : DocumentOutcome;

    /// <summary>One or more fields are invalid (400), keyed by field name as in a problem's <c>errors</c>.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string[]> Errors) : DocumentOutcome;

    /// <summary>The If-Match header is not a list of entity tags (400).</summary>
    public sealed record InvalidIfMatch : DocumentOutcome;

    /// <summary>The content is over the size limit (413). Nothing was saved.</summary>
    public sealed record TooLarge(long Size, long Limit) : DocumentOutcome;

    public sealed record SlugTaken(string Slug) : DocumentOutcome;

    /// <summary>The Idempotency-Key was used before with another body (422).</summary>
    public sealed record IdempotencyKeyReused(string Key) : DocumentOutcome;

    /// <summary>A request with the same Idempotency-Key is still running (409).</summary>
    public sealed record IdempotencyKeyInFlight(string Key) : DocumentOutcome;

    /// <summary>Nobody is signed in, and this server is not in open mode (401).</summary>
    public sealed record Unauthenticated : DocumentOutcome;

    /// <summary>The user may see the document, but their role does not allow this (403).</summary>
    public sealed record Forbidden(Guid DocumentId, Access.DocumentRole Role, Access.DocumentAction Needed) : DocumentOutcome;

    /// <summary>Who has access to a document, after a change or when asked.</summary>
    public sealed record AccessListed(Guid DocumentId, IReadOnlyList<Access.AccessEntry> Entries) : DocumentOutcome;

    /// <summary>The change would leave the document without an owner (422).</summary>
    public sealed record LastOwner(Guid DocumentId) : DocumentOutcome;

    /// <summary>No account has this email (404, its own type).</summary>
    public sealed record UserNotFound(string Email) : DocumentOutcome;

    /// <summary>This server runs in open mode: everyone may edit everything, so there is no access to manage (403, its own type).</summary>
    public sealed record AccessNotManaged : DocumentOutcome;
}

/// <summary>
/// The answer to a read: the value, or why it is refused (<see cref="DocumentOutcome.NotFound"/>,
/// <see cref="DocumentOutcome.Unauthenticated"/>…). Neither: the document is there but the thing asked for is not (a revision that does not exist).
/// </summary>
public readonly record struct DocumentRead<T>(T? Value, DocumentOutcome? Refusal)
    where T : class;

/// <summary>Makes <see cref="DocumentRead{T}"/> values.</summary>
public static class DocumentRead
{
    public static DocumentRead<T> Refused<T>(DocumentOutcome refusal) where T : class => new(null, refusal);

    public static DocumentRead<T> Found<T>(T? value) where T : class => new(value, null);
}
