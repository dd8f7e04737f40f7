using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Api;

/// <summary>
/// /api/documents/{idOrSlug}/lock: owners lock a document (PUT) so that nobody writes it, themselves included, until an
/// owner unlocks it (DELETE). Both answer the document's summary. Adapters over the <see cref="CommandPipeline"/>.
/// </summary>
public static class LockApi
{
    public static void MapLockApi(this RouteGroupBuilder documents)
    {
        documents.MapPut("/{idOrSlug}/lock", LockDocument).WithName(nameof(LockDocument))
            .WithSummary("Lock a document: every write is refused (409 document-locked), the owners' too, until an owner unlocks it (owners only)")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .ProducesProblems(400, 401, 403, 404, 429);

        documents.MapDelete("/{idOrSlug}/lock", UnlockDocument).WithName(nameof(UnlockDocument))
            .WithSummary("Unlock a document (owners only)")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .ProducesProblems(400, 401, 403, 404, 429);
    }

    public static async Task<Results<Ok<DocumentListItem>, ProblemHttpResult>> LockDocument(
        string idOrSlug, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken) =>
        Answer(await commands.SendAsync(new LockDocumentCommand(idOrSlug, Actors.FromRequest(http)), cancellationToken), http);

    public static async Task<Results<Ok<DocumentListItem>, ProblemHttpResult>> UnlockDocument(
        string idOrSlug, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken) =>
        Answer(await commands.SendAsync(new UnlockDocumentCommand(idOrSlug, Actors.FromRequest(http)), cancellationToken), http);

    private static Results<Ok<DocumentListItem>, ProblemHttpResult> Answer(Outcome outcome, HttpContext http)
    {
        if (outcome is not DocumentOutcome.LockChanged { Current: var current })
        {
            return OutcomeProblems.Problem(outcome, http);
        }

        OutcomeProblems.SetETag(http, current);
        return TypedResults.Ok(DocumentListItem.From(current, DocumentRole.Owner));
    }
}
