using System.Globalization;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Api;

/// <summary>
/// The one renderer of outcomes for programs: each refusal becomes the problem details (RFC 9457) it answers with, one
/// type, title and shape per kind, with the headers that go with it (ETag, Retry-After, WWW-Authenticate). People read
/// the same outcomes through <c>Editing.OutcomeWords</c>. Adding an outcome: one case here, one there.
/// </summary>
public static class OutcomeProblems
{
    /// <summary>The problem for any outcome that is not a success.</summary>
    public static ProblemHttpResult Problem(Outcome outcome, HttpContext http)
    {
        switch (outcome)
        {
            case DocumentOutcome.NotFound notFound:
                return NotFound(notFound.IdOrSlug);
            case DocumentOutcome.Archived archived:
                return Archived(archived.Current);
            case DocumentOutcome.Locked locked:
                SetETag(http, locked.Current);
                return Locked(locked.Current);
            case DocumentOutcome.Stale stale:
                SetETag(http, stale.Current);
                return StaleBaseVersion(stale.Current, stale.BaseVersion, stale.ChangesSinceBase, stale.CurrentContent, stale.Merge);
            case DocumentOutcome.PreconditionFailed failed:
                SetETag(http, failed.Current);
                return StaleIfMatch(failed.Current);
            case DocumentOutcome.PreconditionRequired required:
                return PreconditionRequired(required.DocumentId);
            case DocumentOutcome.Invalid invalid:
                return Validation(invalid.Errors.ToDictionary());
            case DocumentOutcome.InvalidIfMatch:
                return InvalidIfMatch();
            case DocumentOutcome.TooLarge tooLarge:
                return ContentTooLarge(tooLarge.Size, tooLarge.Limit);
            case DocumentOutcome.MalformedPatch malformed:
                return MalformedPatch(malformed.Line, malformed.Reason);
            case DocumentOutcome.PatchDoesNotApply notApplied:
                SetETag(http, notApplied.Current);
                return PatchDoesNotApply(notApplied);
            case DocumentOutcome.SlugTaken taken:
                return SlugTaken(taken.Slug);
            case DocumentOutcome.IdempotencyKeyReused reused:
                return Idempotency.IdempotencyProblems.PayloadMismatch(reused.Key);
            case DocumentOutcome.IdempotencyKeyInFlight inFlight:
                return Idempotency.IdempotencyProblems.InFlight(inFlight.Key);
            case AccessOutcome.Unauthenticated:
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Unauthenticated();
            case AccessOutcome.Forbidden forbidden:
                return Forbidden(forbidden.Role, forbidden.Needed);
            case AccessOutcome.RateLimited limited:
                http.Response.Headers.RetryAfter = limited.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return RateLimited(limited.RetryAfterSeconds);
            case AccessOutcome.StorageAllowanceExceeded exceeded:
                return StorageAllowanceExceeded(exceeded);
            case AccessOutcome.UserNotFound userNotFound:
                return UserNotFound(userNotFound.Email);
            case AccessOutcome.LastOwner:
                return LastOwner();
            case AccessOutcome.AccessNotManaged:
                return AccessNotManaged();
            default:
                throw new InvalidOperationException($"{outcome.GetType().Name} is not a refusal.");
        }
    }

    public static void SetETag(HttpContext http, Document current) =>
        http.Response.Headers.ETag = DocumentETags.Of(current).ToString();

    public static ProblemHttpResult RateLimited(int seconds) => Problem(
        StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many writes",
        $"This client is sending requests faster than allowed. Retry after {seconds} second(s).",
        ("retryAfterSeconds", seconds));

    /// <summary>
    /// 507 Insufficient Storage, as WebDAV answers a quota (RFC 4918 §11.5, RFC 4331 §6) and as Dropbox's and
    /// Nextcloud's APIs do: the request was fine, the storage it needs is not there for this account. Not 413 (the
    /// request is not too large: the same text is accepted for an account with room) nor 403 (the caller may write).
    /// </summary>
    public static ProblemHttpResult StorageAllowanceExceeded(AccessOutcome.StorageAllowanceExceeded exceeded) => Problem(
        StatusCodes.Status507InsufficientStorage, ProblemTypes.StorageAllowanceExceeded, "Storage allowance used up",
        (exceeded.Yours
            ? $"Your documents use {Sized(exceeded.Used)} of your {Sized(exceeded.Allowed)} storage allowance"
            : $"The owner of this document has used {Sized(exceeded.Used)} of their {Sized(exceeded.Allowed)} storage allowance")
        + $", and this would add up to {Sized(exceeded.Needed)}. Nothing was saved. Every version of a document counts against its owner's "
        + "allowance, whoever saves it; the server's administrator can raise it (CollabEdit:StorageAllowance:BytesPerAccount).",
        ("used", exceeded.Used), ("allowed", exceeded.Allowed), ("needed", exceeded.Needed),
        ("usedText", StorageUnits.Format(exceeded.Used)), ("allowedText", StorageUnits.Format(exceeded.Allowed)),
        ("chargedTo", exceeded.Yours ? "you" : "owner"));

    public static ProblemHttpResult Locked(Document current) => Problem(
        StatusCodes.Status409Conflict, ProblemTypes.DocumentLocked, "Document is locked",
        $"'{current.Title}' is locked{LockedByText(current)}: nobody can change it until an owner unlocks it (DELETE /api/documents/{current.Id}/lock).",
        ("currentVersion", current.CurrentVersion), ("lockedBy", LockedByOf(current)), ("lockedAt", LockedAtOf(current)));

    public static ProblemHttpResult NotFound(string idOrSlug) => Problem(
        StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Document not found", $"No document has the id or slug '{idOrSlug}'.");

    public static ProblemHttpResult RevisionNotFound(Guid id, int version) => Problem(
        StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Revision not found", $"Document {id} has no version {version}.");

    public static ProblemHttpResult SlugTaken(string slug) => Problem(
        StatusCodes.Status409Conflict, ProblemTypes.SlugTaken, "Slug already taken",
        $"Another document already uses the slug '{slug}'. Choose another, or leave it out to have one made from the title.",
        ("field", "slug"), ("slug", slug));

    public static ProblemHttpResult Archived(Document current) => Problem(
        StatusCodes.Status409Conflict, ProblemTypes.DocumentArchived, "Document is archived",
        $"'{current.Title}' is archived and cannot be changed. Restore it first (POST /api/documents/{current.Id}/restore).",
        ("currentVersion", current.CurrentVersion));

    public static ProblemHttpResult StaleIfMatch(Document current) => Problem(
        StatusCodes.Status412PreconditionFailed, ProblemTypes.StaleIfMatch, "The document has changed",
        $"If-Match does not match the current version (v{current.CurrentVersion}). GET the document again, reapply your change, and send its new ETag.",
        ("currentVersion", current.CurrentVersion), ("currentETag", CurrentETag(current)));

    public static ProblemHttpResult StaleBaseVersion(
        Document current, int baseVersion, IReadOnlyList<ChangeSinceBase> changes, string? currentContent, ProposedMerge? merge = null) =>
        Problem(
            StatusCodes.Status409Conflict, ProblemTypes.StaleBaseVersion, "The document changed since your base version",
            $"Your edit is based on v{baseVersion}, but the document is at v{current.CurrentVersion}. {MergeAdvice(current, merge)}",
            ("baseVersion", baseVersion),
            ("currentVersion", current.CurrentVersion),
            ("currentETag", CurrentETag(current)),
            ("versionsSinceBase", current.CurrentVersion - baseVersion),
            ("changesSinceBase", changes),
            ("baseRevision", RevisionLink(current.Id, baseVersion)),
            ("currentRevision", RevisionLink(current.Id, current.CurrentVersion)),
            ("currentContent", currentContent),
            ("merge", MergeOf(merge)));

    public static ProblemHttpResult PreconditionRequired(Guid id) => Problem(
        StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "Say which version you are changing",
        $"Send If-Match with the ETag from GET /api/documents/{id}, or baseVersion in the body (the version you started from). "
        + "To overwrite whatever is current on purpose, send If-Match: *.");

    public static ProblemHttpResult ContentTooLarge(long size, long limit) => Problem(
        StatusCodes.Status413PayloadTooLarge, ProblemTypes.ContentTooLarge, "Content too large",
        $"The content is {size:N0} bytes (UTF-8); the limit is {limit:N0} bytes.",
        ("size", size), ("limit", limit));

    /// <summary>What PATCH takes (RFC 5789 §3.1), for the Accept-Patch header of a 415, a GET and an OPTIONS.</summary>
    public const string AcceptPatch = "text/x-diff, text/x-patch";

    public static ProblemHttpResult MalformedPatch(int line, string reason) => Problem(
        StatusCodes.Status400BadRequest, ProblemTypes.MalformedPatch, "The diff is not a well-formed unified diff",
        $"Line {line} of the diff: {reason} Send a unified diff of the document as 'diff -u' or 'git diff' prints it.",
        ("line", line), ("reason", reason));

    public static ProblemHttpResult PatchDoesNotApply(DocumentOutcome.PatchDoesNotApply notApplied) => Problem(
        StatusCodes.Status409Conflict, ProblemTypes.PatchDoesNotApply, "The diff does not apply to this version",
        $"Hunk {notApplied.Hunk} does not match line {notApplied.Line} of v{notApplied.Version}: "
        + (notApplied.Found is null ? "the text ends before it." : "the text differs there.")
        + " Diffs apply exactly (no fuzz): make the diff from the text of this version (GET the document, or its revision), then send it with its ETag.",
        ("hunk", notApplied.Hunk),
        ("line", notApplied.Line),
        ("expected", Clipped(notApplied.Expected)),
        ("found", Clipped(notApplied.Found)),
        ("version", notApplied.Version),
        ("currentVersion", notApplied.Current.CurrentVersion),
        ("currentETag", CurrentETag(notApplied.Current)));

    /// <summary>A PATCH body that is not a unified diff by its media type (415), with the types PATCH takes (RFC 5789 §2.2).</summary>
    public static ProblemHttpResult UnsupportedPatchType(HttpContext http, string? contentType)
    {
        http.Response.Headers["Accept-Patch"] = AcceptPatch;
        return Problem(
            StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Send a unified diff",
            $"PATCH takes a unified diff as 'diff -u' or 'git diff' prints it, sent as Content-Type: text/x-diff (or text/x-patch; charset utf-8 if any), not {(string.IsNullOrEmpty(contentType) ? "a body without a Content-Type" : $"'{contentType}'")}.",
            ("acceptPatch", AcceptPatch));
    }

    public static ProblemHttpResult InvalidIfMatch() => Problem(
        StatusCodes.Status400BadRequest, ProblemTypes.Validation, "Invalid If-Match header",
        "If-Match must be * or a list of quoted entity tags, as returned in the ETag header: If-Match: \"…\".",
        ("errors", new Dictionary<string, string[]> { ["If-Match"] = ["Not a list of quoted entity tags."] }));

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) => Problem(
        StatusCodes.Status400BadRequest, ProblemTypes.Validation, "One or more fields are invalid",
        "See 'errors' for what to change.", ("errors", errors));

    public static ProblemHttpResult Unauthenticated() => Problem(
        StatusCodes.Status401Unauthorized, ProblemTypes.Unauthenticated, "Sign in first",
        "Send Authorization: Bearer <accessToken> (POST /api/auth/login gives one), or sign in in the browser.");

    public static ProblemHttpResult Forbidden(DocumentRole role, DocumentAction needed) => Problem(
        StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Your role does not allow this",
        $"You are {Article(role)} {role.ToString().ToLowerInvariant()} of this document; {NeededText(needed)} An owner can change your role.",
        ("role", role.ToString().ToLowerInvariant()), ("requiredRole", DocumentGate.Needed(needed).ToString().ToLowerInvariant()));

    public static ProblemHttpResult UserNotFound(string email) => Problem(
        StatusCodes.Status404NotFound, ProblemTypes.UserNotFound, "No account has this email",
        $"Nobody has signed up as '{email}'. Ask them to create an account first.", ("field", "email"));

    public static ProblemHttpResult LastOwner() => Problem(
        StatusCodes.Status422UnprocessableEntity, ProblemTypes.LastOwner, "A document keeps at least one owner",
        "This would leave the document without an owner. Make someone else owner first.");

    public static ProblemHttpResult AccessNotManaged() => Problem(
        StatusCodes.Status403Forbidden, ProblemTypes.AccessNotManaged, "Access is not managed in open mode",
        "This server runs with CollabEdit:Access:Mode=Open: every visitor may edit every document, so there is nobody to share with.");

    /// <summary>What to do next, given the merge the server proposes (if any).</summary>
    private static string MergeAdvice(Document current, ProposedMerge? merge) => merge switch
    {
        { Conflicts: 0, Content: not null } =>
            $"Your edit merges cleanly with it: to save the merge, PUT merge.content with If-Match: {CurrentETag(current)} (or baseVersion {current.CurrentVersion}).",
        { Content: not null } =>
            $"Merging your edit with it leaves {merge.Conflicts} conflict(s), marked in merge.content as git marks them: resolve them, then PUT the result with If-Match: {CurrentETag(current)}.",
        _ => "Merge your content with the current one (three-way, against the base revision), then PUT the result "
            + $"with baseVersion {current.CurrentVersion}.",
    };

    /// <summary>The proposed merge as the 409 carries it: its content only when it was small enough to send.</summary>
    private static Dictionary<string, object>? MergeOf(ProposedMerge? merge)
    {
        if (merge is null)
        {
            return null;
        }

        return merge.Content is { } content
            ? new Dictionary<string, object> { ["content"] = content, ["conflicts"] = merge.Conflicts }
            : new Dictionary<string, object> { ["conflicts"] = merge.Conflicts };
    }

    private static string Sized(long bytes) => $"{StorageUnits.Format(bytes)} ({bytes:N0} bytes)";

    /// <summary>A line of a document or a diff as a problem shows it: a 5 MB line is not echoed back whole.</summary>
    private static string? Clipped(string? line) =>
        line is { Length: > 200 } ? line[..(char.IsHighSurrogate(line[199]) ? 199 : 200)] + "…" : line;

    private static string Article(DocumentRole role) => role == DocumentRole.Editor ? "an" : "a";

    private static string NeededText(DocumentAction needed) => needed switch
    {
        DocumentAction.Edit => "saving needs the editor or owner role.",
        _ => "this needs the owner role.",
    };

    private static string LockedByText(Document current) =>
        current.LockedBy is { } by ? $" by {by} since {current.LockedAt:yyyy-MM-dd HH:mm} UTC" : "";

    private static string? LockedByOf(Document current) => current.LockedBy;

    private static DateTime? LockedAtOf(Document current) => current.LockedAt;

    public static string RevisionLink(Guid id, int version) => $"/api/documents/{id}/revisions/{version}";

    private static string CurrentETag(Document current) => DocumentETags.Of(current).ToString();

    private static ProblemHttpResult Problem(int status, string type, string title, string detail, params (string Name, object? Value)[] extensions)
    {
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        foreach (var (name, value) in extensions)
        {
            if (value is not null)
            {
                problem.Extensions[name] = value;
            }
        }

        return TypedResults.Problem(problem);
    }
}
