using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Idempotency;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The documents core: every read and every change of a document, whoever asks (the HTTP endpoints, the
/// editor, the hub). Validation, the author rule, the size limit, preconditions, the create + idempotency
/// transaction and conflict reporting live here and nowhere else; callers translate their input into a
/// command and the <see cref="DocumentOutcome"/> into their own terms. Each call uses its own short-lived
/// DbContext, so the service can be held by a Blazor circuit as safely as by a request.
/// </summary>
public sealed partial class DocumentService(
    IDbContextFactory<CollabEditDbContext> contexts,
    IVersionWriter writer,
    IVersionAnnouncer announcer,
    ILogger<DocumentService> logger,
    TimeProvider clock,
    IOptions<DocumentLimits> limits,
    IOptions<IdempotencyOptions> idempotencyOptions,
    ConflictReporter conflicts,
    DocumentGate gate)
{
    private const int MaxChangesListedInConflict = 100;

    public DocumentLimits Limits => limits.Value;

    public AccessMode AccessMode => gate.Mode;

    /// <summary>Whether the caller may use the app at all (secure mode: signed in). Null when yes, else the refusal.</summary>
    public DocumentOutcome? Admit(DocumentActor actor) => gate.Admit(actor);

    /// <summary>A document's head, if the caller may read it.</summary>
    public Task<DocumentRead<Document>> FindAsync(string idOrSlug, DocumentActor actor, CancellationToken cancellationToken) =>
        ReadAsync(idOrSlug, actor, async (store, pass) =>
            await store.FindAsync(pass.DocumentId.ToString(), cancellationToken) is { } head
                ? DocumentRead.Found<Document>(head)
                : DocumentRead.Refused<Document>(new DocumentOutcome.NotFound(idOrSlug)),
            cancellationToken);

    /// <summary>A document's head and current content, if the caller may read it.</summary>
    public Task<DocumentRead<DocumentSnapshot>> GetAsync(string idOrSlug, DocumentActor actor, CancellationToken cancellationToken) =>
        ReadAsync(idOrSlug, actor, async (store, pass) =>
            await store.GetAsync(pass.DocumentId.ToString(), cancellationToken) is { } snapshot
                ? DocumentRead.Found<DocumentSnapshot>(snapshot)
                : DocumentRead.Refused<DocumentSnapshot>(new DocumentOutcome.NotFound(idOrSlug)),
            cancellationToken);

    /// <summary>The caller's role on a document (everyone is owner in open mode), or null when they may not see it.</summary>
    public async Task<DocumentRole?> RoleAsync(Guid id, DocumentActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (pass, denied) = await gate.EnterAsync(new DocumentStore(db, clock), id.ToString(), actor, DocumentAction.Read, cancellationToken);
        return denied is null ? pass.Role : null;
    }

    /// <summary>A page of the documents the caller may see (in secure mode, those they have a role on), with their role on each.</summary>
    public async Task<DocumentRead<DocumentListPage>> ListAsync(DocumentQuery query, DocumentActor actor, CancellationToken cancellationToken)
    {
        if (gate.Admit(actor) is { } refused)
        {
            return DocumentRead.Refused<DocumentListPage>(refused);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = new DocumentStore(db, clock);
        var visibleTo = gate.Mode == AccessMode.Secure ? actor.UserId : null;
        var (items, total) = await store.ListAsync(query, visibleTo, cancellationToken);
        var roles = visibleTo is null
            ? items.ToDictionary(d => d.Id, _ => DocumentRole.Owner)
            : await new AccessStore(db).RolesAsync(visibleTo, items.Select(d => d.Id).ToList(), cancellationToken);
        return DocumentRead.Found<DocumentListPage>(new DocumentListPage(items, total, roles));
    }

    public Task<DocumentRead<IReadOnlyList<RevisionInfo>>> ListRevisionsAsync(Guid id, DocumentActor actor, int skip, int take, CancellationToken cancellationToken) =>
        ReadAsync(id.ToString(), actor, async (store, pass) =>
            DocumentRead.Found<IReadOnlyList<RevisionInfo>>(await store.ListRevisionsAsync(pass.DocumentId, skip, take, cancellationToken)),
            cancellationToken);

    /// <summary>One revision, if the caller may read the document; a null value when the document has no such version.</summary>
    public Task<DocumentRead<Revision>> GetRevisionAsync(Guid id, int version, DocumentActor actor, CancellationToken cancellationToken) =>
        ReadAsync(id.ToString(), actor, async (store, pass) =>
            DocumentRead.Found<Revision>(await store.GetRevisionAsync(pass.DocumentId, version, cancellationToken)),
            cancellationToken);

    /// <summary>What happened to a document besides versions (archive, restore, access changes), newest first.</summary>
    public Task<DocumentRead<IReadOnlyList<DocumentEvent>>> ListEventsAsync(Guid id, DocumentActor actor, int skip, int take, CancellationToken cancellationToken) =>
        ReadAsync(id.ToString(), actor, async (store, pass) =>
            DocumentRead.Found<IReadOnlyList<DocumentEvent>>(await new AccessStore(store.Context).EventsAsync(pass.DocumentId, skip, take, cancellationToken)),
            cancellationToken);

    /// <summary>The size rule alone, for callers that know a content's size before they have it (the editor asks before uploading).</summary>
    public DocumentOutcome.TooLarge? CheckSize(long utf8Bytes) =>
        utf8Bytes > Limits.MaxContentBytes ? new DocumentOutcome.TooLarge(utf8Bytes, Limits.MaxContentBytes) : null;

    public async Task<DocumentOutcome> CreateAsync(CreateDocumentCommand command, CancellationToken cancellationToken)
    {
        var request = new CreateDocumentRequest(command.Title?.Trim(), command.Slug?.Trim().ToLowerInvariant(), command.Content ?? "");
        var outcome = await CreateCheckedAsync(request, command, cancellationToken);
        conflicts.Report(outcome, request.Slug ?? request.Title ?? "", command.Actor);
        return outcome;
    }

    public async Task<DocumentOutcome> SaveAsync(SaveDocumentCommand command, CancellationToken cancellationToken)
    {
        var outcome = await SaveCheckedAsync(command with { Title = command.Title?.Trim() }, cancellationToken);
        conflicts.Report(outcome, command.IdOrSlug, command.Actor);
        return outcome;
    }

    /// <summary>Archives a document; If-Match is required and must name the current version.</summary>
    public Task<DocumentOutcome> ArchiveAsync(ChangeStateCommand command, CancellationToken cancellationToken) =>
        ChangeStateAsync(command, ifMatchRequired: true, DocumentState.Active, DocumentState.Archived, cancellationToken);

    /// <summary>Restores an archived document; If-Match, when given, must name the current version.</summary>
    public Task<DocumentOutcome> RestoreAsync(ChangeStateCommand command, CancellationToken cancellationToken) =>
        ChangeStateAsync(command, ifMatchRequired: false, DocumentState.Archived, DocumentState.Active, cancellationToken);

    private async Task<DocumentOutcome> CreateCheckedAsync(CreateDocumentRequest request, CreateDocumentCommand command, CancellationToken cancellationToken)
    {
        if (gate.Admit(command.Actor) is { } refused)
        {
            return refused;
        }

        var errors = DocumentValidation.ValidateCreate(request);
        var (author, authorError) = AuthorOf(command.Actor);
        if (authorError is not null)
        {
            errors["author"] = [authorError];
        }

        var key = command.IdempotencyKey;
        if (key is not null && !IdempotencyRules.IsValidKey(key))
        {
            errors[IdempotencyRules.HeaderName] = [$"An idempotency key is 1 to {IdempotencyRules.MaxKeyLength} visible ASCII characters."];
        }

        if (errors.Count > 0)
        {
            return new DocumentOutcome.Invalid(errors);
        }

        if (TooLarge(request.Content!) is { } tooLarge)
        {
            return tooLarge;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = new DocumentStore(db, clock);
        var idempotency = new IdempotencyStore(db, clock, idempotencyOptions.Value);
        var keyOwner = IdempotencyRules.OwnerOf(command.Actor with { Author = author });
        if (key is not null)
        {
            switch (await idempotency.ClaimAsync(keyOwner, key, IdempotencyStore.HashRequest(request), cancellationToken))
            {
                case IdempotencyClaim.Replay replay:
                    return await store.FirstVersionAsync(replay.DocumentId, cancellationToken) is { } first
                        ? new DocumentOutcome.Created(first, Replayed: true)
                        : new DocumentOutcome.NotFound(replay.DocumentId.ToString());
                case IdempotencyClaim.PayloadMismatch:
                    return new DocumentOutcome.IdempotencyKeyReused(key);
                case IdempotencyClaim.InFlight:
                    return new DocumentOutcome.IdempotencyKeyInFlight(key);
            }
        }

        CreateOutcome created;
        try
        {
            // The document and the key's completion commit together: a replay can never miss the document.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            created = await store.CreateAsync(request.Title!, request.Slug, request.Content!, author!, command.Actor.UserId, cancellationToken);
            if (created is CreateOutcome.SlugTaken && request.Slug is not null
                && (await gate.EnterAsync(store, request.Slug, command.Actor, DocumentAction.Read, cancellationToken)).Refusal is not null)
            {
                // The slug belongs to a document this caller cannot see: for them it does not exist, so a 409 would
                // tell them it does. They get the first free slug after it instead, in the 201 (README: "Slugs").
                created = await store.CreateAsync(request.Title!, null, request.Content!, author!, command.Actor.UserId, cancellationToken, slugStem: request.Slug);
            }

            if (created is CreateOutcome.Created done && key is not null)
            {
                await idempotency.CompleteAsync(keyOwner, key, done.Document.Head.Id, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch when (key is not null)
        {
            await idempotency.ReleaseAsync(keyOwner, key, CancellationToken.None);
            throw;
        }

        switch (created)
        {
            case CreateOutcome.Created done:
                return new DocumentOutcome.Created(done.Document, Replayed: false);
            case CreateOutcome.SlugTaken taken:
                if (key is not null)
                {
                    await idempotency.ReleaseAsync(keyOwner, key, CancellationToken.None);
                }

                return new DocumentOutcome.SlugTaken(taken.Slug);
            default:
                throw new InvalidOperationException($"Unexpected outcome {created}.");
        }
    }

    private async Task<DocumentOutcome> SaveCheckedAsync(SaveDocumentCommand command, CancellationToken cancellationToken)
    {
        if (gate.Admit(command.Actor) is { } refused)
        {
            return refused;
        }

        var errors = DocumentValidation.ValidateSave(new SaveDocumentRequest(command.Content, command.Title, command.BaseVersion));
        var (author, authorError) = AuthorOf(command.Actor);
        if (authorError is not null)
        {
            errors["author"] = [authorError];
        }

        if (errors.Count > 0)
        {
            return new DocumentOutcome.Invalid(errors);
        }

        if (command.IfMatch is not { } ifMatch)
        {
            return new DocumentOutcome.InvalidIfMatch();
        }

        if (TooLarge(command.Content!) is { } tooLarge)
        {
            return tooLarge;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = new DocumentStore(db, clock);
        var (pass, denied) = await gate.EnterAsync(store, command.IdOrSlug, command.Actor, DocumentAction.Edit, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var id = pass.DocumentId;

        // The version to save on comes from the command alone; the writer's guarded UPDATE is what decides,
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
        else if (command.BaseVersion is int baseVersion)
        {
            expectedVersion = baseVersion;
        }
        else
        {
            // 404 and "archived" take precedence over 428, so look before answering.
            return await store.FindAsync(id.ToString(), cancellationToken) switch
            {
                null => new DocumentOutcome.NotFound(command.IdOrSlug),
                { State: DocumentState.Archived } archived => new DocumentOutcome.Archived(archived),
                _ => new DocumentOutcome.PreconditionRequired(id),
            };
        }

        var edit = new DocumentEdit(command.Content!, command.Title, expectedVersion, command.BaseVersion, author!);
        var facts = await writer.WriteAsync(id, edit, DocumentRules.StoredNow(clock), cancellationToken);
        switch (SaveDecision.Decide(facts, edit))
        {
            case SaveOutcome.Saved saved:
                Announce(saved.Document);
                return new DocumentOutcome.Saved(saved.Document, Changed: true);
            case SaveOutcome.Unchanged unchanged:
                return new DocumentOutcome.Saved(new DocumentSnapshot(unchanged.Current, command.Content!), Changed: false);
            case SaveOutcome.Archived archived:
                return new DocumentOutcome.Archived(archived.Current);
            case SaveOutcome.Locked locked:
                return new DocumentOutcome.Locked(locked.Current);
            case SaveOutcome.Stale stale when ifMatch.IsPresent:
                return new DocumentOutcome.PreconditionFailed(stale.Current);
            case SaveOutcome.Stale stale when command.BaseVersion > stale.Current.CurrentVersion:
                return new DocumentOutcome.Invalid(new Dictionary<string, string[]>
                {
                    ["baseVersion"] = [$"Version {command.BaseVersion} does not exist; the document is at v{stale.Current.CurrentVersion}."],
                });
            case SaveOutcome.Stale stale:
                return await StaleAsync(stale.Current, expectedVersion!.Value, store, cancellationToken);
            default:
                return new DocumentOutcome.NotFound(command.IdOrSlug);
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

    private async Task<DocumentOutcome.Stale> StaleAsync(Document current, int baseVersion, DocumentStore store, CancellationToken cancellationToken)
    {
        var changes = await store.RevisionsAfterAsync(current.Id, baseVersion, MaxChangesListedInConflict, cancellationToken);
        string? content = null;
        if (current.Size <= Limits.MaxInlineConflictContentBytes)
        {
            content = (await store.GetRevisionAsync(current.Id, current.CurrentVersion, cancellationToken))?.Content;
        }

        return new DocumentOutcome.Stale(current, baseVersion, changes.Select(c => new ChangeSinceBase(c.Version, c.Author, c.CreatedAt)).ToList(), content);
    }

    private async Task<DocumentOutcome> ChangeStateAsync(
        ChangeStateCommand command, bool ifMatchRequired, DocumentState from, DocumentState to, CancellationToken cancellationToken)
    {
        var outcome = await ChangeStateCheckedAsync(command, ifMatchRequired, from, to, cancellationToken);
        conflicts.Report(outcome, command.IdOrSlug, command.Actor);
        return outcome;
    }

    private async Task<DocumentOutcome> ChangeStateCheckedAsync(
        ChangeStateCommand command, bool ifMatchRequired, DocumentState from, DocumentState to, CancellationToken cancellationToken)
    {
        if (gate.Admit(command.Actor) is { } refused)
        {
            return refused;
        }

        if (command.IfMatch is not { } ifMatch)
        {
            return new DocumentOutcome.InvalidIfMatch();
        }

        var (author, authorError) = AuthorOf(command.Actor);
        if (authorError is not null)
        {
            return new DocumentOutcome.Invalid(new Dictionary<string, string[]> { ["author"] = [authorError] });
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = new DocumentStore(db, clock);
        var (pass, denied) = await gate.EnterAsync(store, command.IdOrSlug, command.Actor, DocumentAction.Manage, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var head = await store.FindAsync(pass.DocumentId.ToString(), cancellationToken);
        if (head is null)
        {
            return new DocumentOutcome.NotFound(command.IdOrSlug);
        }

        if (ifMatchRequired && !ifMatch.IsPresent)
        {
            return new DocumentOutcome.PreconditionRequired(head.Id);
        }

        if (ifMatch.IsPresent && !ifMatch.Matches(DocumentETags.ForDocument(head.Id, head.CurrentVersion, head.State)))
        {
            return new DocumentOutcome.PreconditionFailed(head);
        }

        int? expectedVersion = ifMatch.IsPresent && !ifMatch.IsAny ? head.CurrentVersion : null;
        var recorded = new DocumentEvent
        {
            Kind = to == DocumentState.Archived ? DocumentEventKind.Archived : DocumentEventKind.Restored,
            Actor = author!,
            ActorUserId = command.Actor.UserId,
        };
        return await store.ChangeStateAsync(head.Id, from, to, expectedVersion, recorded, cancellationToken) switch
        {
            StateChangeOutcome.Changed { Current: var changed } => new DocumentOutcome.StateChanged(changed),
            StateChangeOutcome.Unchanged { Current: var unchanged } => new DocumentOutcome.StateChanged(unchanged),
            StateChangeOutcome.Locked locked => new DocumentOutcome.Locked(locked.Current),
            StateChangeOutcome.Stale stale => new DocumentOutcome.PreconditionFailed(stale.Current),
            _ => new DocumentOutcome.NotFound(command.IdOrSlug),
        };
    }

    /// <summary>Tells every open editor and hub client about a committed version.</summary>
    private void Announce(DocumentSnapshot saved)
    {
        try
        {
            announcer.Announce(saved.Head, saved.Content);
        }
        catch (Exception exception)
        {
            // An announcement is never worth a save: the version is committed whatever happens here.
            LogAnnounceFailed(logger, exception, saved.Head.Id, saved.Head.CurrentVersion);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "v{Version} of document {DocumentId} was saved but could not be queued for announcement")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, Guid documentId, int version);

    /// <summary>The author rule, or the reason the caller could not even read a name.</summary>
    private static (string? Author, string? Error) AuthorOf(DocumentActor actor) =>
        actor.AuthorError is { } unreadable ? (null, unreadable) : Authors.Validate(actor.Author);

    private DocumentOutcome.TooLarge? TooLarge(string content) =>
        // Cheap bound first: a UTF-8 encoding is at most 3 bytes per UTF-16 char.
        (long)content.Length * 3 <= Limits.MaxContentBytes ? null : CheckSize(DocumentRules.ByteCount(content));

    /// <summary>Every read goes through the gate first: a refused read never touches the document.</summary>
    private async Task<DocumentRead<T>> ReadAsync<T>(
        string idOrSlug, DocumentActor actor, Func<DocumentStore, DocumentPass, Task<DocumentRead<T>>> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var store = new DocumentStore(db, clock);
        var (pass, denied) = await gate.EnterAsync(store, idOrSlug, actor, DocumentAction.Read, cancellationToken);
        return denied is not null ? DocumentRead.Refused<T>(denied) : await read(store, pass);
    }
}
