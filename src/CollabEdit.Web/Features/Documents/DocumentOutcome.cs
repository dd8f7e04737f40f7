using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// What a document command did to the document, or why the document (not the caller's access) refused it. Who may
/// not is an <c>Access.AccessOutcome</c>. Programs read an outcome as problem details (<c>Api.OutcomeProblems</c>),
/// people as a sentence (<c>Editing.OutcomeWords</c>); both see the same outcome for the same input.
/// </summary>
public abstract record DocumentOutcome : Outcome
{
    private DocumentOutcome()
    {
    }

    /// <summary>
    /// A save was accepted. <paramref name="Changed"/> is false when it was identical to the current version: no new version.
    /// <paramref name="Changes"/>: what turned the previous version's text into this one, when the save knew it (it
    /// was written on top of the version it named); announced with the version so that followers receive only them.
    /// <paramref name="Rebased"/>: the save asked to be rebased and met newer versions: what it was rebased over.
    /// </summary>
    public sealed record Saved(DocumentSnapshot Document, bool Changed, ChangeSet? Changes = null, RebasedSave? Rebased = null) : DocumentOutcome;

    /// <summary>A document was created (or, with the same Idempotency-Key and body, created before: <paramref name="Replayed"/>).</summary>
    public sealed record Created(DocumentSnapshot Document, bool Replayed) : DocumentOutcome;

    /// <summary>Archived or restored (or already in that state).</summary>
    public sealed record StateChanged(Document Current) : DocumentOutcome;

    public sealed record NotFound(string IdOrSlug) : DocumentOutcome;

    /// <summary>The document is archived: it cannot be changed until it is restored.</summary>
    public sealed record Archived(Document Current) : DocumentOutcome;

    /// <summary>
    /// The save named a base version that is no longer current (409): what a three-way merge needs. The current
    /// content is included only below the inline limit; otherwise read the current revision. <paramref name="Merge"/>
    /// is the server's merge of the refused save onto the current version, when it could be made cheaply.
    /// </summary>
    public sealed record Stale(Document Current, int BaseVersion, IReadOnlyList<ChangeSinceBase> ChangesSinceBase, string? CurrentContent, ProposedMerge? Merge = null) : DocumentOutcome;

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

    /// <summary>
    /// An owner locked the document: nobody writes it (the owners included) until an owner unlocks it (409). Never a
    /// conflict to merge: the text was not even compared.
    /// </summary>
    public sealed record Locked(Document Current) : DocumentOutcome;

    /// <summary>A PATCH's unified diff is not well formed (400): <paramref name="Line"/> of the diff (1-based), and what is wrong there.</summary>
    public sealed record MalformedPatch(int Line, string Reason) : DocumentOutcome;

    /// <summary>
    /// A well-formed diff whose context or removed lines do not match the text of <paramref name="Version"/>, the version
    /// it was sent for (409, RFC 5789 "conflicting state"): the first hunk (1-based) and line of the text that differ,
    /// what the diff expected there and what the text has (<paramref name="Found"/> null: the text ends before it).
    /// Nothing is searched for elsewhere: a patch applied where it was not made would overwrite someone's work.
    /// </summary>
    public sealed record PatchDoesNotApply(Document Current, int Version, int Hunk, int Line, string Expected, string? Found) : DocumentOutcome;

    /// <summary>An owner locked or unlocked the document (or it already was so).</summary>
    public sealed record LockChanged(Document Current, bool Changed) : DocumentOutcome;
}
