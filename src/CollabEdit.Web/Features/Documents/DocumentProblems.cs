using CollabEdit.Web.Features.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Documents;

/// <summary>The problem responses of the documents API, one factory per kind, so that each kind has one type, title and shape.</summary>
public static class DocumentProblems
{
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

    public static ProblemHttpResult Locked(Document current) => Problem(
        StatusCodes.Status409Conflict, ProblemTypes.DocumentLocked, "Document is locked",
        $"'{current.Title}' was locked by {current.LockedBy} and cannot be changed until an owner unlocks it (DELETE /api/documents/{current.Id}/lock).",
        ("currentVersion", current.CurrentVersion), ("lockedBy", current.LockedBy), ("lockedAt", current.LockedAt));

    public static ProblemHttpResult StaleIfMatch(Document current) => Problem(
        StatusCodes.Status412PreconditionFailed, ProblemTypes.StaleIfMatch, "The document has changed",
        $"If-Match does not match the current version (v{current.CurrentVersion}). GET the document again, reapply your change, and send its new ETag.",
        ("currentVersion", current.CurrentVersion), ("currentETag", CurrentETag(current)));

    public static ProblemHttpResult StaleBaseVersion(Document current, int baseVersion, IReadOnlyList<ChangeSinceBase> changes, string? currentContent) =>
        Problem(
            StatusCodes.Status409Conflict, ProblemTypes.StaleBaseVersion, "The document changed since your base version",
            $"Your edit is based on v{baseVersion}, but the document is at v{current.CurrentVersion}. Merge your content with the current one "
            + $"(three-way, against the base revision), then PUT the result with baseVersion {current.CurrentVersion}.",
            ("baseVersion", baseVersion),
            ("currentVersion", current.CurrentVersion),
            ("currentETag", CurrentETag(current)),
            ("versionsSinceBase", current.CurrentVersion - baseVersion),
            ("changesSinceBase", changes),
            ("baseRevision", RevisionLink(current.Id, baseVersion)),
            ("currentRevision", RevisionLink(current.Id, current.CurrentVersion)),
            ("currentContent", currentContent));

    public static ProblemHttpResult PreconditionRequired(Guid id) => Problem(
        StatusCodes.Status428PreconditionRequired, ProblemTypes.PreconditionRequired, "Say which version you are changing",
        $"Send If-Match with the ETag from GET /api/documents/{id}, or baseVersion in the body (the version you started from). "
        + "To overwrite whatever is current on purpose, send If-Match: *.");

    public static ProblemHttpResult ContentTooLarge(long size, long limit) => Problem(
        StatusCodes.Status413PayloadTooLarge, ProblemTypes.ContentTooLarge, "Content too large",
        $"The content is {size:N0} bytes (UTF-8); the limit is {limit:N0} bytes.",
        ("size", size), ("limit", limit));

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

    public static ProblemHttpResult Forbidden(Access.DocumentRole role, Access.DocumentAction needed) => Problem(
        StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Your role does not allow this",
        $"You are {Article(role)} {role.ToString().ToLowerInvariant()} of this document; {NeededText(needed)} An owner can change your role.",
        ("role", role.ToString().ToLowerInvariant()), ("requiredRole", Access.DocumentGate.Needed(needed).ToString().ToLowerInvariant()));

    public static ProblemHttpResult UserNotFound(string email) => Problem(
        StatusCodes.Status404NotFound, ProblemTypes.UserNotFound, "No account has this email",
        $"Nobody has signed up as '{email}'. Ask them to create an account first.", ("field", "email"));

    public static ProblemHttpResult LastOwner() => Problem(
        StatusCodes.Status422UnprocessableEntity, ProblemTypes.LastOwner, "A document keeps at least one owner",
        "This would leave the document without an owner. Make someone else owner first.");

    public static ProblemHttpResult AccessNotManaged() => Problem(
        StatusCodes.Status403Forbidden, ProblemTypes.AccessNotManaged, "Access is not managed in open mode",
        "This server runs with CollabEdit:Access:Mode=Open: every visitor may edit every document, so there is nobody to share with.");

    private static string Article(Access.DocumentRole role) => role == Access.DocumentRole.Editor ? "an" : "a";

    private static string NeededText(Access.DocumentAction needed) => needed switch
    {
        Access.DocumentAction.Edit => "saving needs the editor or owner role.",
        _ => "this needs the owner role.",
    };

    public static string RevisionLink(Guid id, int version) => $"/api/documents/{id}/revisions/{version}";

    private static string CurrentETag(Document current) => DocumentETags.ForDocument(current.Id, current.CurrentVersion, current.State).ToString();

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
