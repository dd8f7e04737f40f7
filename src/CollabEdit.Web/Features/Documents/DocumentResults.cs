using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Documents;

/// <summary>The HTTP side of <see cref="DocumentOutcome"/>: the problem details a refusal answers with, and the ETag header that goes with it.</summary>
public static class DocumentResults
{
    /// <summary>The problem for any outcome that is not a success (each kind has one type, title and shape in <see cref="DocumentProblems"/>).</summary>
    public static ProblemHttpResult Problem(DocumentOutcome outcome, HttpContext http)
    {
        switch (outcome)
        {
            case DocumentOutcome.NotFound notFound:
                return DocumentProblems.NotFound(notFound.IdOrSlug);
            case DocumentOutcome.Archived archived:
                return DocumentProblems.Archived(archived.Current);
            case DocumentOutcome.Locked locked:
                return DocumentProblems.Locked(locked.Current);
            case DocumentOutcome.Stale stale:
                SetETag(http, stale.Current);
                return DocumentProblems.StaleBaseVersion(stale.Current, stale.BaseVersion, stale.ChangesSinceBase, stale.CurrentContent);
            case DocumentOutcome.PreconditionFailed failed:
                SetETag(http, failed.Current);
                return DocumentProblems.StaleIfMatch(failed.Current);
            case DocumentOutcome.PreconditionRequired required:
                return DocumentProblems.PreconditionRequired(required.DocumentId);
            case DocumentOutcome.Invalid invalid:
                return DocumentProblems.Validation(invalid.Errors.ToDictionary());
            case DocumentOutcome.InvalidIfMatch:
                return DocumentProblems.InvalidIfMatch();
            case DocumentOutcome.TooLarge tooLarge:
                return DocumentProblems.ContentTooLarge(tooLarge.Size, tooLarge.Limit);
            case DocumentOutcome.SlugTaken taken:
                return DocumentProblems.SlugTaken(taken.Slug);
            case DocumentOutcome.IdempotencyKeyReused reused:
                return Idempotency.IdempotencyProblems.PayloadMismatch(reused.Key);
            case DocumentOutcome.IdempotencyKeyInFlight inFlight:
                return Idempotency.IdempotencyProblems.InFlight(inFlight.Key);
            case DocumentOutcome.Unauthenticated:
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return DocumentProblems.Unauthenticated();
            case DocumentOutcome.Forbidden forbidden:
                return DocumentProblems.Forbidden(forbidden.Role, forbidden.Needed);
            case DocumentOutcome.UserNotFound userNotFound:
                return DocumentProblems.UserNotFound(userNotFound.Email);
            case DocumentOutcome.LastOwner:
                return DocumentProblems.LastOwner();
            case DocumentOutcome.AccessNotManaged:
                return DocumentProblems.AccessNotManaged();
            default:
                throw new InvalidOperationException($"{outcome.GetType().Name} is not a refusal.");
        }
    }

    public static void SetETag(HttpContext http, Document current) =>
        http.Response.Headers.ETag = DocumentETags.ForDocument(current.Id, current.CurrentVersion, current.State).ToString();
}
