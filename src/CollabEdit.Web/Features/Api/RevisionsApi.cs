using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Api;

/// <summary>/api/documents/{idOrSlug}/revisions and /events: the append-only history of a document.</summary>
public static class RevisionsApi
{
    public static void MapRevisionsApi(this RouteGroupBuilder documents)
    {
        documents.MapGet("/{idOrSlug}/revisions", ListRevisions).WithName(nameof(ListRevisions))
            .WithSummary("List a document's revisions, newest first")
            .ProducesProblems(400, 401, 404, 429);

        documents.MapGet("/{idOrSlug}/revisions/{version:int}", GetRevision).WithName(nameof(GetRevision))
            .WithSummary("Read one revision (immutable; its own strong ETag)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(401, 404, 429);

        documents.MapGet("/{idOrSlug}/events", ListEvents).WithName(nameof(ListEvents))
            .WithSummary("What happened besides new versions (archived, restored, access granted, changed or removed), newest first")
            .ProducesProblems(400, 401, 404, 429);
    }

    public static Task<Results<Ok<RevisionList>, ProblemHttpResult>> ListRevisions(
        string idOrSlug, HttpContext http, DocumentService documents, CancellationToken cancellationToken, int skip = 0, int take = 50) =>
        PageAsync(idOrSlug, http, documents, skip, take,
            (id, actor) => documents.ListRevisionsAsync(id, actor, skip, take, cancellationToken),
            items => new RevisionList(items, skip, take),
            cancellationToken);

    public static async Task<Results<Ok<RevisionResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetRevision(
        string idOrSlug, int version, HttpContext http, DocumentService documents, CancellationToken cancellationToken)
    {
        var actor = Actors.FromRequest(http);
        var found = await documents.FindAsync(idOrSlug, actor, cancellationToken);
        if (found.Refusal is { } refused)
        {
            return OutcomeProblems.Problem(refused, http);
        }

        var head = found.Value!;
        var etag = DocumentETags.ForRevision(head.Id, version);
        if (version >= 1 && version <= head.CurrentVersion && Conditional.IfNoneMatchHits(http.Request, etag))
        {
            SetCacheHeaders(http, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var revision = await documents.GetRevisionAsync(head.Id, version, actor, cancellationToken);
        if (revision.Refusal is { } gone)
        {
            return OutcomeProblems.Problem(gone, http);
        }

        if (revision.Value is null)
        {
            return OutcomeProblems.RevisionNotFound(head.Id, version);
        }

        SetCacheHeaders(http, etag);
        return TypedResults.Ok(RevisionResponse.From(revision.Value));
    }

    public static Task<Results<Ok<DocumentEventList>, ProblemHttpResult>> ListEvents(
        string idOrSlug, HttpContext http, DocumentService documents, CancellationToken cancellationToken, int skip = 0, int take = 50) =>
        PageAsync(idOrSlug, http, documents, skip, take,
            (id, actor) => documents.ListEventsAsync(id, actor, skip, take, cancellationToken),
            items => new DocumentEventList(items.Select(DocumentEventItem.From).ToList(), skip, take),
            cancellationToken);

    /// <summary>A page of a document's history: paging checked, the document found with the caller's access, then the page read.</summary>
    private static async Task<Results<Ok<TList>, ProblemHttpResult>> PageAsync<TItem, TList>(
        string idOrSlug, HttpContext http, DocumentService documents, int skip, int take,
        Func<Guid, DocumentActor, Task<DocumentRead<IReadOnlyList<TItem>>>> read, Func<IReadOnlyList<TItem>, TList> list, CancellationToken cancellationToken)
    {
        if (Paging.Validate(skip, take) is { } errors)
        {
            return OutcomeProblems.Validation(errors);
        }

        var actor = Actors.FromRequest(http);
        var head = await documents.FindAsync(idOrSlug, actor, cancellationToken);
        if (head.Refusal is { } refused)
        {
            return OutcomeProblems.Problem(refused, http);
        }

        var page = await read(head.Value!.Id, actor);
        return page.Refusal is { } gone ? OutcomeProblems.Problem(gone, http) : TypedResults.Ok(list(page.Value!));
    }

    // A revision never changes once written; "private" because only people with access may read it.
    private static void SetCacheHeaders(HttpContext http, Microsoft.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
    }
}
