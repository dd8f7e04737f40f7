using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Api;

/// <summary>/api/documents/{idOrSlug}/access: who has which role on a document. Reads from <see cref="DocumentSharing"/>, changes through the <see cref="CommandPipeline"/>.</summary>
public static class AccessApi
{
    public static void MapAccessApi(this RouteGroupBuilder documents)
    {
        documents.MapGet("/{idOrSlug}/access", ListAccess).WithName(nameof(ListAccess))
            .WithSummary("Who has access to a document, and with which role (anyone with access may ask)")
            .ProducesProblems(401, 403, 404, 429);

        documents.MapPut("/{idOrSlug}/access/{email}", SetAccess).WithName(nameof(SetAccess))
            .WithSummary("Give an account a role on a document, or change it (owners only)")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .Accepts<SetAccessRequest>("application/json")
            .ProducesProblems(400, 401, 403, 404, 422, 429);

        documents.MapDelete("/{idOrSlug}/access/{email}", RemoveAccess).WithName(nameof(RemoveAccess))
            .WithSummary("Take an account's role away (owners only; the last owner stays)")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .ProducesProblems(400, 401, 403, 404, 422, 429);
    }

    public static async Task<Results<Ok<AccessList>, ProblemHttpResult>> ListAccess(
        string idOrSlug, HttpContext http, DocumentSharing sharing, CancellationToken cancellationToken) =>
        Answer(await sharing.ListAsync(idOrSlug, Actors.FromRequest(http), cancellationToken), http);

    public static async Task<Results<Ok<AccessList>, ProblemHttpResult>> SetAccess(
        string idOrSlug, string email, SetAccessRequest request, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken) =>
        Answer(await commands.SendAsync(new SetAccessCommand(idOrSlug, email, request.Role, Actors.FromRequest(http)), cancellationToken), http);

    public static async Task<Results<Ok<AccessList>, ProblemHttpResult>> RemoveAccess(
        string idOrSlug, string email, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken) =>
        Answer(await commands.SendAsync(new RemoveAccessCommand(idOrSlug, email, Actors.FromRequest(http)), cancellationToken), http);

    private static Results<Ok<AccessList>, ProblemHttpResult> Answer(Outcome outcome, HttpContext http) => outcome switch
    {
        AccessOutcome.AccessListed listed => TypedResults.Ok(new AccessList(listed.DocumentId, listed.Entries)),
        _ => OutcomeProblems.Problem(outcome, http),
    };
}
