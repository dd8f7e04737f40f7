using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Api;

/// <summary>
/// /api/documents: create, list, read, save (guarded by If-Match or baseVersion), archive and restore.
/// The handlers are adapters: headers and bodies become commands for the <see cref="CommandPipeline"/> (reads go to
/// <see cref="DocumentService"/>), whose rules are the editor's too, and outcomes become results (<see cref="OutcomeProblems"/>). The revision history endpoints are in <see cref="RevisionsApi"/>.
/// </summary>
public static class DocumentsApi
{

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // Reads are limited per client by the middleware. Writes take their one write token in the command pipeline
        // (CommandPipeline), as every other caller does; the middleware counts their attempts only (WriteAttempts), so
        // that a write refused before the pipeline's token (401, 400, 413, 403, 404) is not free to repeat.
        var api = app.MapGroup("/api/documents")
            .WithTags("Documents")
            .RequireRateLimiting(WriteRateLimiting.ReadPolicyName);

        api.MapGet("/", ListDocuments).WithName(nameof(ListDocuments))
            .WithSummary("List documents (state: active, archived or all; sort: updated, title or version, desc=true by default)")
            .ProducesProblems(400, 401, 429);

        api.MapPost("/", CreateDocument).WithName(nameof(CreateDocument))
            .WithSummary("Create a document (honours Idempotency-Key)")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .Accepts<CreateDocumentRequest>("application/json")
            .ProducesProblems(400, 401, 409, 413, 415, 422, 429, 507);

        api.MapGet("/{idOrSlug}", GetDocument).WithName(nameof(GetDocument))
            .WithSummary("Read a document's current version (strong ETag; If-None-Match answers 304)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(401, 404, 429);

        api.MapPut("/{idOrSlug}", SaveDocument).WithName(nameof(SaveDocument))
            .WithSummary("Save a new version, only on top of the version named by If-Match or baseVersion")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .Accepts<SaveDocumentRequest>("application/json")
            .ProducesProblems(400, 401, 403, 404, 409, 412, 413, 415, 428, 429, 507);

        api.MapDelete("/{idOrSlug}", ArchiveDocument).WithName(nameof(ArchiveDocument))
            .WithSummary("Archive a document (nothing is deleted; POST .../restore brings it back)")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .ProducesProblems(400, 401, 403, 404, 409, 412, 428, 429);

        api.MapPost("/{idOrSlug}/restore", RestoreDocument).WithName(nameof(RestoreDocument))
            .WithSummary("Restore an archived document (If-Match optional)")
            .RequireRateLimiting(WriteRateLimiting.WriteAttemptsPolicyName)
            .ProducesProblems(400, 401, 403, 404, 409, 412, 429);

        api.MapPatchApi();
        api.MapRevisionsApi();
        api.MapAccessApi();
        api.MapLockApi();
        return api;
    }

    /// <summary>Documents the problem responses an endpoint can answer with, by status code.</summary>
    internal static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder endpoint, params int[] statusCodes)
    {
        foreach (var statusCode in statusCodes)
        {
            endpoint.ProducesProblem(statusCode);
        }

        return endpoint;
    }

    public static async Task<Results<Ok<DocumentList>, ProblemHttpResult>> ListDocuments(
        HttpContext http, DocumentService documents, CancellationToken cancellationToken,
        int skip = 0, int take = 50, string? q = null, string? state = null, string? sort = null, bool desc = true)
    {
        var errors = Paging.Validate(skip, take) ?? [];
        var stateFilter = DocumentStateFilter.Active;
        if (state is not null && (int.TryParse(state, out _) || !Enum.TryParse(state, ignoreCase: true, out stateFilter) || !Enum.IsDefined(stateFilter)))
        {
            errors["state"] = ["state is active, archived or all."];
        }

        var sortBy = DocumentSort.Updated;
        if (sort is not null && (int.TryParse(sort, out _) || !Enum.TryParse(sort, ignoreCase: true, out sortBy) || !Enum.IsDefined(sortBy)))
        {
            errors["sort"] = ["sort is updated, title or version."];
        }

        if (q?.Length > DocumentRules.MaxTitleLength)
        {
            errors["q"] = [$"q may be at most {DocumentRules.MaxTitleLength} characters."];
        }

        if (errors.Count > 0)
        {
            return OutcomeProblems.Validation(errors);
        }

        var read = await documents.ListAsync(new DocumentQuery(skip, take, q, stateFilter, sortBy, desc), Actors.FromRequest(http), cancellationToken);
        if (read.Refusal is { } refused)
        {
            return OutcomeProblems.Problem(refused, http);
        }

        var page = read.Value!;
        return TypedResults.Ok(new DocumentList(page.Items.Select(d => DocumentListItem.From(d, page.Roles[d.Id])).ToList(), page.Total, skip, take));
    }

    public static async Task<Results<Created<DocumentResponse>, ProblemHttpResult>> CreateDocument(
        CreateDocumentRequest request, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken)
    {
        var command = new CreateDocumentCommand(request.Title, request.Slug, request.Content, Actor(http), http.Request.Headers[IdempotencyRules.HeaderName]);
        switch (await commands.SendAsync(command, cancellationToken))
        {
            case DocumentOutcome.Created created:
                if (created.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                OutcomeProblems.SetETag(http, created.Document.Head);
                return TypedResults.Created($"/api/documents/{created.Document.Head.Id}", DocumentResponse.From(created.Document));
            case var refused:
                return OutcomeProblems.Problem(refused, http);
        }
    }

    public static async Task<Results<Ok<DocumentResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetDocument(
        string idOrSlug, HttpContext http, DocumentService documents, CancellationToken cancellationToken)
    {
        var actor = Actors.FromRequest(http);
        var found = await documents.FindAsync(idOrSlug, actor, cancellationToken);
        if (found.Refusal is { } refused)
        {
            return OutcomeProblems.Problem(refused, http);
        }

        var head = found.Value!;
        var etag = DocumentETags.Of(head);
        http.Response.Headers.ETag = etag.ToString();
        // RFC 5789 §3.1: this document can also be changed with a unified diff (PATCH, PatchApi).
        http.Response.Headers["Accept-Patch"] = OutcomeProblems.AcceptPatch;
        // Documents are not public: caches shared between users must not keep them.
        http.Response.Headers.CacheControl = "private, no-cache";
        if (Conditional.IfNoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var revision = await documents.GetRevisionAsync(head.Id, head.CurrentVersion, actor, cancellationToken);
        if (revision.Refusal is { } gone)
        {
            return OutcomeProblems.Problem(gone, http);
        }

        return TypedResults.Ok(DocumentResponse.From(new DocumentSnapshot(head, revision.Value!.Content)));
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> SaveDocument(
        string idOrSlug, SaveDocumentRequest request, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken)
    {
        var command = new SaveDocumentCommand(idOrSlug, request.Content, request.Title, IfMatch.Parse(http.Request), request.BaseVersion, Actor(http));
        switch (await commands.SendAsync(command, cancellationToken))
        {
            case DocumentOutcome.Saved saved:
                OutcomeProblems.SetETag(http, saved.Document.Head);
                return TypedResults.Ok(DocumentResponse.From(saved.Document));
            case var refused:
                return OutcomeProblems.Problem(refused, http);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ArchiveDocument(
        string idOrSlug, HttpContext http, CommandPipeline commands, CancellationToken cancellationToken)
    {
        switch (await commands.SendAsync(new ArchiveDocumentCommand(idOrSlug, IfMatch.Parse(http.Request), Actor(http)), cancellationToken))
        {
            case DocumentOutcome.StateChanged changed:
                OutcomeProblems.SetETag(http, changed.Current);
                return TypedResults.NoContent();
            case var refused:
                return OutcomeProblems.Problem(refused, http);
        }
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> RestoreDocument(
        string idOrSlug, HttpContext http, CommandPipeline commands, DocumentService documents, CancellationToken cancellationToken)
    {
        switch (await commands.SendAsync(new RestoreDocumentCommand(idOrSlug, IfMatch.Parse(http.Request), Actor(http)), cancellationToken))
        {
            case DocumentOutcome.StateChanged changed:
                OutcomeProblems.SetETag(http, changed.Current);
                var restored = await documents.GetAsync(changed.Current.Id.ToString(), Actors.FromRequest(http), cancellationToken);
                return restored.Refusal is { } gone ? OutcomeProblems.Problem(gone, http) : TypedResults.Ok(DocumentResponse.From(restored.Value!));
            case var refused:
                return OutcomeProblems.Problem(refused, http);
        }
    }

    private static DocumentActor Actor(HttpContext http) => Actors.FromRequest(http);
}
