using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// The read side of the documents: every read of a document, whoever asks (the HTTP endpoints, the editor, the hub),
/// through the access gate first. Changes go through the command pipeline (<c>Commands.CommandPipeline</c>) instead.
/// Each call uses its own short-lived DbContext, so the service can be held by a Blazor circuit as safely as by a request.
/// </summary>
public sealed partial class DocumentService(
    IDbContextFactory<CollabEditDbContext> contexts,
    TimeProvider clock,
    IOptions<DocumentLimits> limits,
    DocumentGate gate)
{
    public DocumentLimits Limits => limits.Value;

    public AccessMode AccessMode => gate.Mode;

    /// <summary>Whether the caller may use the app at all (secure mode: signed in). Null when yes, else the refusal.</summary>
    public Outcome? Admit(DocumentActor actor) => gate.Admit(actor);

    /// <summary>A document's head, if the caller may read it.</summary>
    /// <remarks>By slug, the gate has read the head to resolve it just before: that read is the answer, not read twice.</remarks>
    public Task<DocumentRead<Document>> FindAsync(string idOrSlug, DocumentActor actor, CancellationToken cancellationToken) =>
        ReadAsync(idOrSlug, actor, async (store, pass) =>
            (store.TakeResolvedHead(pass.DocumentId) ?? await store.FindAsync(pass.DocumentId, cancellationToken)) is { } head
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
