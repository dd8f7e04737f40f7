using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Documents;

/// <summary>/api/documents/{idOrSlug}/revisions: the append-only history of a document.</summary>
public static class RevisionsApi
{
    public static void MapRevisionsApi(this RouteGroupBuilder documents)
    {
        documents.MapGet("/{idOrSlug}/revisions", ListRevisions).WithName(nameof(ListRevisions))
            .WithSummary("List a document's revisions, newest first")
            .ProducesProblems(400, 404);

        documents.MapGet("/{idOrSlug}/revisions/{version:int}", GetRevision).WithName(nameof(GetRevision))
            .WithSummary("Read one revision (immutable; its own strong ETag)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(404);
    }

    public static async Task<Results<Ok<RevisionList>, ProblemHttpResult>> ListRevisions(
        string idOrSlug, DocumentService documents, CancellationToken cancellationToken, int skip = 0, int take = 50)
    {
        if (Paging.Validate(skip, take) is { } errors)
        {
            return DocumentProblems.Validation(errors);
        }

        var head = await documents.FindAsync(idOrSlug, cancellationToken);
        if (head is null)
        {
            return DocumentProblems.NotFound(idOrSlug);
        }

        return TypedResults.Ok(new RevisionList(await documents.ListRevisionsAsync(head.Id, skip, take, cancellationToken), skip, take));
    }

    public static async Task<Results<Ok<RevisionResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetRevision(
        string idOrSlug, int version, HttpContext http, DocumentService documents, CancellationToken cancellationToken)
    {
        var head = await documents.FindAsync(idOrSlug, cancellationToken);
        if (head is null)
        {
            return DocumentProblems.NotFound(idOrSlug);
        }

        var etag = DocumentETags.ForRevision(head.Id, version);
        if (version >= 1 && version <= head.CurrentVersion && Conditional.IfNoneMatchHits(http.Request, etag))
        {
            SetCacheHeaders(http, etag);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var revision = await documents.GetRevisionAsync(head.Id, version, cancellationToken);
        if (revision is null)
        {
            return DocumentProblems.RevisionNotFound(head.Id, version);
        }

        SetCacheHeaders(http, etag);
        return TypedResults.Ok(RevisionResponse.From(revision));
    }

    // A revision never changes once written; "private" because documents will not all be public once accounts exist.
    private static void SetCacheHeaders(HttpContext http, Microsoft.Net.Http.Headers.EntityTagHeaderValue etag)
    {
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "private, max-age=31536000, immutable";
    }
}
