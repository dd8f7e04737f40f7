using CollabEdit.Web.Features.Idempotency;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// /api/documents: create, list, read, save (guarded by If-Match or baseVersion), archive and restore.
/// The revision history endpoints are in <see cref="RevisionsApi"/>.
/// </summary>
public static class DocumentsApi
{
    private const int MaxChangesListedInConflict = 100;

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents")
            .WithTags("Documents")
            .AddEndpointFilter<ConflictReportingFilter>();

        api.MapGet("/", ListDocuments).WithName(nameof(ListDocuments))
            .WithSummary("List documents, newest change first (state: active, archived or all)")
            .ProducesProblems(400);

        api.MapPost("/", CreateDocument).WithName(nameof(CreateDocument))
            .WithSummary("Create a document (honours Idempotency-Key)")
            .RequireRateLimiting(WriteRateLimiting.PolicyName)
            .Accepts<CreateDocumentRequest>("application/json")
            .ProducesProblems(400, 409, 413, 415, 422, 429);

        api.MapGet("/{idOrSlug}", GetDocument).WithName(nameof(GetDocument))
            .WithSummary("Read a document's current version (strong ETag; If-None-Match answers 304)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(404);

        api.MapPut("/{idOrSlug}", SaveDocument).WithName(nameof(SaveDocument))
            .WithSummary("Save a new version, only on top of the version named by If-Match or baseVersion")
            .RequireRateLimiting(WriteRateLimiting.PolicyName)
            .Accepts<SaveDocumentRequest>("application/json")
            .ProducesProblems(400, 404, 409, 412, 413, 415, 428, 429);

        api.MapDelete("/{idOrSlug}", ArchiveDocument).WithName(nameof(ArchiveDocument))
            .WithSummary("Archive a document (nothing is deleted; POST .../restore brings it back)")
            .RequireRateLimiting(WriteRateLimiting.PolicyName)
            .ProducesProblems(400, 404, 412, 428, 429);

        api.MapPost("/{idOrSlug}/restore", RestoreDocument).WithName(nameof(RestoreDocument))
            .WithSummary("Restore an archived document (If-Match optional)")
            .RequireRateLimiting(WriteRateLimiting.PolicyName)
            .ProducesProblems(400, 404, 412, 429);

        api.MapRevisionsApi();
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
        DocumentStore store, CancellationToken cancellationToken,
        int skip = 0, int take = 50, string? q = null, string? state = null)
    {
        var errors = Paging.Validate(skip, take) ?? [];
        var stateFilter = DocumentStateFilter.Active;
        if (state is not null && (!Enum.TryParse(state, ignoreCase: true, out stateFilter) || !Enum.IsDefined(stateFilter)))
        {
            errors["state"] = ["state is active, archived or all."];
        }

        if (q?.Length > DocumentRules.MaxTitleLength)
        {
            errors["q"] = [$"q may be at most {DocumentRules.MaxTitleLength} characters."];
        }

        if (errors.Count > 0)
        {
            return DocumentProblems.Validation(errors);
        }

        var (items, total) = await store.ListAsync(new DocumentQuery(skip, take, q, stateFilter), cancellationToken);
        return TypedResults.Ok(new DocumentList(items.Select(DocumentListItem.From).ToList(), total, skip, take));
    }

    public static async Task<Results<Created<DocumentResponse>, ProblemHttpResult>> CreateDocument(
        CreateDocumentRequest request, HttpContext http, DocumentStore store, IdempotencyStore idempotency,
        CollabEditDbContext db, DocumentLimits limits, CancellationToken cancellationToken)
    {
        request = request with { Title = request.Title?.Trim(), Slug = request.Slug?.Trim().ToLowerInvariant(), Content = request.Content ?? "" };
        var errors = DocumentValidation.ValidateCreate(request);
        var (author, authorError) = Authors.FromRequest(http);
        if (authorError is not null)
        {
            errors[Authors.HeaderName] = [authorError];
        }

        string? key = http.Request.Headers[IdempotencyRules.HeaderName];
        if (key is not null && !IdempotencyRules.IsValidKey(key))
        {
            errors[IdempotencyRules.HeaderName] = [$"An idempotency key is 1 to {IdempotencyRules.MaxKeyLength} visible ASCII characters."];
        }

        if (errors.Count > 0)
        {
            return DocumentProblems.Validation(errors);
        }

        if (TooLarge(request.Content!, limits) is { } tooLarge)
        {
            return tooLarge;
        }

        if (key is not null)
        {
            var claim = await idempotency.ClaimAsync(key, IdempotencyStore.HashRequest(request), cancellationToken);
            switch (claim)
            {
                case IdempotencyClaim.Replay replay:
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    return await ReplayCreatedAsync(replay.DocumentId, http, store, cancellationToken);
                case IdempotencyClaim.PayloadMismatch:
                    return IdempotencyProblems.PayloadMismatch(key);
                case IdempotencyClaim.InFlight:
                    return IdempotencyProblems.InFlight(key);
            }
        }

        CreateOutcome outcome;
        try
        {
            // The document and the key's completion commit together: a replay can never miss the document.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            outcome = await store.CreateAsync(request.Title!, request.Slug, request.Content!, author!, cancellationToken);
            if (outcome is CreateOutcome.Created created && key is not null)
            {
                await idempotency.CompleteAsync(key, created.Document.Head.Id, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch when (key is not null)
        {
            await idempotency.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        switch (outcome)
        {
            case CreateOutcome.Created created:
                return Created(created.Document, http);
            case CreateOutcome.SlugTaken taken:
                if (key is not null)
                {
                    await idempotency.ReleaseAsync(key, CancellationToken.None);
                }

                return DocumentProblems.SlugTaken(taken.Slug);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}.");
        }
    }

    public static async Task<Results<Ok<DocumentResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetDocument(
        string idOrSlug, HttpContext http, DocumentStore store, CancellationToken cancellationToken)
    {
        var head = await store.FindAsync(idOrSlug, cancellationToken);
        if (head is null)
        {
            return DocumentProblems.NotFound(idOrSlug);
        }

        var etag = DocumentETags.ForDocument(head.Id, head.CurrentVersion, head.State);
        http.Response.Headers.ETag = etag.ToString();
        http.Response.Headers.CacheControl = "no-cache";
        if (Conditional.IfNoneMatchHits(http.Request, etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var revision = await store.GetRevisionAsync(head.Id, head.CurrentVersion, cancellationToken);
        return TypedResults.Ok(DocumentResponse.From(new DocumentSnapshot(head, revision!.Content)));
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> SaveDocument(
        string idOrSlug, SaveDocumentRequest request, HttpContext http, DocumentStore store, DocumentLimits limits, CancellationToken cancellationToken)
    {
        request = request with { Title = request.Title?.Trim() };
        var errors = DocumentValidation.ValidateSave(request);
        var (author, authorError) = Authors.FromRequest(http);
        if (authorError is not null)
        {
            errors[Authors.HeaderName] = [authorError];
        }

        if (errors.Count > 0)
        {
            return DocumentProblems.Validation(errors);
        }

        if (IfMatch.Parse(http.Request) is not { } ifMatch)
        {
            return DocumentProblems.InvalidIfMatch();
        }

        if (TooLarge(request.Content!, limits) is { } tooLarge)
        {
            return tooLarge;
        }

        if (await store.ResolveIdAsync(idOrSlug, cancellationToken) is not Guid id)
        {
            return DocumentProblems.NotFound(idOrSlug);
        }

        // The version to save on comes from the request alone; the writer's guarded UPDATE is what decides,
        // and its outcome carries the current head for every refusal. No read precedes the save.
        int? expectedVersion;
        if (ifMatch.IsAny)
        {
            expectedVersion = null;
        }
        else if (ifMatch.IsPresent)
        {
            expectedVersion = await VersionNamedByAsync(ifMatch, id, store, cancellationToken);
        }
        else if (request.BaseVersion is int baseVersion)
        {
            expectedVersion = baseVersion;
        }
        else
        {
            // 404 and "archived" take precedence over 428, so look before answering.
            return await store.FindAsync(id.ToString(), cancellationToken) switch
            {
                null => DocumentProblems.NotFound(idOrSlug),
                { State: DocumentState.Archived } archived => DocumentProblems.Archived(archived),
                _ => DocumentProblems.PreconditionRequired(id),
            };
        }

        var edit = new DocumentEdit(request.Content!, request.Title, expectedVersion, request.BaseVersion, author!);
        switch (await store.SaveAsync(id, edit, cancellationToken))
        {
            case SaveOutcome.Saved saved:
                SetETag(http, saved.Document.Head);
                return TypedResults.Ok(DocumentResponse.From(saved.Document));
            case SaveOutcome.Archived archived:
                return DocumentProblems.Archived(archived.Current);
            case SaveOutcome.Stale stale when ifMatch.IsPresent:
                return StaleIfMatch(stale.Current, http);
            case SaveOutcome.Stale stale when request.BaseVersion > stale.Current.CurrentVersion:
                return DocumentProblems.Validation(new Dictionary<string, string[]>
                {
                    ["baseVersion"] = [$"Version {request.BaseVersion} does not exist; the document is at v{stale.Current.CurrentVersion}."],
                });
            case SaveOutcome.Stale stale:
                return await StaleBaseAsync(stale.Current, expectedVersion!.Value, http, store, limits, cancellationToken);
            default:
                return DocumentProblems.NotFound(idOrSlug);
        }
    }

    /// <summary>
    /// The version an If-Match names. A tag that names no version of this document cannot match, so the save
    /// is asked for version 0, which never exists: the guard refuses it and reports the current head (412).
    /// </summary>
    private static async Task<int> VersionNamedByAsync(IfMatch ifMatch, Guid id, DocumentStore store, CancellationToken cancellationToken)
    {
        var versions = ifMatch.ActiveVersionsOf(id);
        if (versions.Count <= 1)
        {
            return versions.Count == 1 ? versions[0] : 0;
        }

        // Several versions listed (rare): the one that is current, if any.
        var head = await store.FindAsync(id.ToString(), cancellationToken);
        return head is not null && versions.Contains(head.CurrentVersion) ? head.CurrentVersion : 0;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> ArchiveDocument(
        string idOrSlug, HttpContext http, DocumentStore store, CancellationToken cancellationToken)
    {
        var (_, problem) = await ChangeStateAsync(idOrSlug, ifMatchRequired: true, DocumentState.Active, DocumentState.Archived, http, store, cancellationToken);
        return problem is null ? TypedResults.NoContent() : problem;
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> RestoreDocument(
        string idOrSlug, HttpContext http, DocumentStore store, CancellationToken cancellationToken)
    {
        var (current, problem) = await ChangeStateAsync(idOrSlug, ifMatchRequired: false, DocumentState.Archived, DocumentState.Active, http, store, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var restored = await store.GetAsync(current!.Id.ToString(), cancellationToken);
        return restored is null ? DocumentProblems.NotFound(idOrSlug) : TypedResults.Ok(DocumentResponse.From(restored));
    }

    /// <summary>
    /// Archive and restore: moves a document from one state to the other, guarded like a save (If-Match, when
    /// given, must name the current version). Sets the ETag header of the result.
    /// </summary>
    /// <returns>The document as it now is, or the problem to answer with.</returns>
    private static async Task<(Document? Current, ProblemHttpResult? Problem)> ChangeStateAsync(
        string idOrSlug, bool ifMatchRequired, DocumentState from, DocumentState to, HttpContext http, DocumentStore store, CancellationToken cancellationToken)
    {
        if (IfMatch.Parse(http.Request) is not { } ifMatch)
        {
            return (null, DocumentProblems.InvalidIfMatch());
        }

        var head = await store.FindAsync(idOrSlug, cancellationToken);
        if (head is null)
        {
            return (null, DocumentProblems.NotFound(idOrSlug));
        }

        if (ifMatchRequired && !ifMatch.IsPresent)
        {
            return (null, DocumentProblems.PreconditionRequired(head.Id));
        }

        if (ifMatch.IsPresent && !ifMatch.Matches(DocumentETags.ForDocument(head.Id, head.CurrentVersion, head.State)))
        {
            return (null, StaleIfMatch(head, http));
        }

        int? expectedVersion = ifMatch.IsPresent && !ifMatch.IsAny ? head.CurrentVersion : null;
        switch (await store.ChangeStateAsync(head.Id, from, to, expectedVersion, cancellationToken))
        {
            case StateChangeOutcome.Changed { Current: var changed }:
                SetETag(http, changed);
                return (changed, null);
            case StateChangeOutcome.Unchanged { Current: var unchanged }:
                SetETag(http, unchanged);
                return (unchanged, null);
            case StateChangeOutcome.Stale stale:
                return (null, StaleIfMatch(stale.Current, http));
            default:
                return (null, DocumentProblems.NotFound(idOrSlug));
        }
    }

    private static ProblemHttpResult StaleIfMatch(Document current, HttpContext http)
    {
        SetETag(http, current);
        return DocumentProblems.StaleIfMatch(current);
    }

    private static async Task<ProblemHttpResult> StaleBaseAsync(
        Document current, int baseVersion, HttpContext http, DocumentStore store, DocumentLimits limits, CancellationToken cancellationToken)
    {
        var changes = await store.RevisionsAfterAsync(current.Id, baseVersion, MaxChangesListedInConflict, cancellationToken);
        string? content = null;
        if (current.Size <= limits.MaxInlineConflictContentBytes)
        {
            content = (await store.GetRevisionAsync(current.Id, current.CurrentVersion, cancellationToken))?.Content;
        }

        SetETag(http, current);
        return DocumentProblems.StaleBaseVersion(
            current, baseVersion, changes.Select(c => new ChangeSinceBase(c.Version, c.Author, c.CreatedAt)).ToList(), content);
    }

    private static async Task<Results<Created<DocumentResponse>, ProblemHttpResult>> ReplayCreatedAsync(
        Guid documentId, HttpContext http, DocumentStore store, CancellationToken cancellationToken)
    {
        // The original 201 described version 1; rebuild exactly that, whatever happened to the document since.
        var head = await store.FindAsync(documentId.ToString(), cancellationToken);
        var first = head is null ? null : await store.GetRevisionAsync(documentId, 1, cancellationToken);
        if (head is null || first is null)
        {
            return DocumentProblems.NotFound(documentId.ToString());
        }

        var original = new Document
        {
            Id = head.Id,
            Slug = head.Slug,
            Title = first.Title,
            CurrentVersion = 1,
            State = DocumentState.Active,
            CreatedAt = head.CreatedAt,
            UpdatedAt = first.CreatedAt,
            UpdatedBy = first.Author,
            Size = first.Size,
        };
        return Created(new DocumentSnapshot(original, first.Content), http);
    }

    private static Created<DocumentResponse> Created(DocumentSnapshot snapshot, HttpContext http)
    {
        SetETag(http, snapshot.Head);
        return TypedResults.Created($"/api/documents/{snapshot.Head.Id}", DocumentResponse.From(snapshot));
    }

    private static void SetETag(HttpContext http, Document current) =>
        http.Response.Headers.ETag = DocumentETags.ForDocument(current.Id, current.CurrentVersion, current.State).ToString();

    private static ProblemHttpResult? TooLarge(string content, DocumentLimits limits)
    {
        // Cheap bound first: a UTF-8 encoding is at most 3 bytes per UTF-16 char.
        if ((long)content.Length * 3 <= limits.MaxContentBytes)
        {
            return null;
        }

        var size = DocumentRules.ByteCount(content);
        return size > limits.MaxContentBytes ? DocumentProblems.ContentTooLarge(size, limits.MaxContentBytes) : null;
    }
}
