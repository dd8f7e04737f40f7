using CollabEdit.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Storage;

/// <summary>
/// Data access for documents on one DbContext, used by the command handlers and the read side (which own the rules). Reads and
/// writes documents. New versions are written through the save port (<see cref="IVersionWriter"/>), where the rule
/// "append version N+1 only if the current version is still N" is one conditional UPDATE, backed by the
/// (DocumentId, Version) key of the revisions table.
/// </summary>
/// <remarks>
/// Every text it answers comes through <see cref="RevisionTexts"/>: reconstructed from snapshot and deltas, checked
/// against the revision's SHA-256, cached. With no <paramref name="texts"/>, the app's own (see <see cref="RevisionTexts.For"/>).
/// </remarks>
public sealed class DocumentStore(CollabEditDbContext db, TimeProvider clock, RevisionTexts? texts = null)
{
    private readonly RevisionTexts _texts = texts ?? RevisionTexts.For(db);

    private const int AutoSlugAttempts = 20;

    /// <summary>The context this store works on, for the other parts of the core that read in the same unit of work (the access gate).</summary>
    internal CollabEditDbContext Context => db;

    // The hot reads are compiled once: a profile showed EF's per-query translation and cache lookup
    // taking over a third of the CPU of a conditional GET. On SQLite the head is read without EF
    // (SqliteDocumentHeads: statements prepared once per native connection); these serve PostgreSQL.
    private static readonly Func<CollabEditDbContext, Guid, CancellationToken, Task<Document?>> HeadById =
        EF.CompileAsyncQuery((CollabEditDbContext db, Guid id, CancellationToken _) => db.Documents.AsNoTracking().FirstOrDefault(d => d.Id == id));

    private static readonly Func<CollabEditDbContext, string, CancellationToken, Task<Document?>> HeadBySlug =
        EF.CompileAsyncQuery((CollabEditDbContext db, string slug, CancellationToken _) => db.Documents.AsNoTracking().FirstOrDefault(d => d.Slug == slug));

    // A revision's row without its stored text (Payload, the legacy Content): the text comes from RevisionTexts, most
    // often from its cache, and a large snapshot is not read for nothing.
    private static readonly Func<CollabEditDbContext, Guid, int, CancellationToken, Task<Revision?>> RevisionAt =
        EF.CompileAsyncQuery((CollabEditDbContext db, Guid id, int version, CancellationToken _) =>
            db.Revisions.AsNoTracking().Where(r => r.DocumentId == id && r.Version == version).Select(r => new Revision
            {
                DocumentId = r.DocumentId,
                Version = r.Version,
                Title = r.Title,
                Author = r.Author,
                CreatedAt = r.CreatedAt,
                BaseVersion = r.BaseVersion,
                Size = r.Size,
                ContentHash = r.ContentHash,
                SnapshotVersion = r.SnapshotVersion,
                ChainLength = r.ChainLength,
                StoredSize = r.StoredSize,
            }).FirstOrDefault());

    /// <summary>The head <see cref="ResolveIdAsync"/> read for a slug, for <see cref="TakeResolvedHead"/>.</summary>
    private Document? _resolvedHead;

    /// <summary>The id a route names: a GUID as it is (whether or not it exists), a slug looked up.</summary>
    public async Task<Guid?> ResolveIdAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrSlug, out var id))
        {
            return id;
        }

        _resolvedHead = await HeadAsync(idOrSlug.ToLowerInvariant(), cancellationToken);
        return _resolvedHead?.Id;
    }

    /// <summary>
    /// The head <see cref="ResolveIdAsync"/> has just read to resolve a slug to <paramref name="id"/>, once, else null.
    /// For a read that follows the gate at once (a GET by slug read the same row twice); callers that write in
    /// between read the head again instead.
    /// </summary>
    public Document? TakeResolvedHead(Guid id)
    {
        var head = _resolvedHead;
        _resolvedHead = null;
        return head?.Id == id ? head : null;
    }

    /// <summary>A document's head by its id or (in any case) its slug.</summary>
    public Task<Document?> FindAsync(string idOrSlug, CancellationToken cancellationToken) =>
        Guid.TryParse(idOrSlug, out var id) ? FindAsync(id, cancellationToken) : HeadAsync(idOrSlug.ToLowerInvariant(), cancellationToken);

    /// <summary>A document's head by its id: as it is in the database now (nothing is kept between calls).</summary>
    public Task<Document?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        SqliteDocumentHeads.TryRead(db, id, out var head) ? Task.FromResult(head) : HeadById(db, id, cancellationToken);

    private Task<Document?> HeadAsync(string slug, CancellationToken cancellationToken) =>
        SqliteDocumentHeads.TryRead(db, slug, out var head) ? Task.FromResult(head) : HeadBySlug(db, slug, cancellationToken);

    public async Task<DocumentSnapshot?> GetAsync(string idOrSlug, CancellationToken cancellationToken)
    {
        // The head, then its version's text: a version never changes, so the two reads cannot disagree.
        var document = await FindAsync(idOrSlug, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var content = await _texts.ReadAsync(db, document.Id, document.CurrentVersion, cancellationToken);
        return content is null ? null : new DocumentSnapshot(document, content);
    }

    /// <summary>The text of one version, checked against its hash (null: no such version).</summary>
    /// <exception cref="RevisionCorruptException">The stored form does not give back the text its hash names.</exception>
    public Task<string?> TextAsync(Guid id, int version, CancellationToken cancellationToken) => _texts.ReadAsync(db, id, version, cancellationToken);

    /// <summary>A page of the list; with <paramref name="visibleTo"/>, only documents that user has a role on.</summary>
    public async Task<(IReadOnlyList<Document> Items, int Total)> ListAsync(DocumentQuery query, string? visibleTo, CancellationToken cancellationToken)
    {
        var documents = db.Documents.AsNoTracking();
        if (visibleTo is not null)
        {
            documents = documents.Where(d => db.DocumentMembers.Any(m => m.DocumentId == d.Id && m.UserId == visibleTo));
        }

        documents = query.State switch
        {
            DocumentStateFilter.Active => documents.Where(d => d.State == DocumentState.Active),
            DocumentStateFilter.Archived => documents.Where(d => d.State == DocumentState.Archived),
            _ => documents,
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // Case-insensitive on both databases (SQLite's LIKE is, PostgreSQL's is not).
            var pattern = $"%{EscapeLike(query.Search.Trim().ToLowerInvariant())}%";
#pragma warning disable CA1304, CA1311 // Translated to SQL lower(), never run in .NET.
            documents = documents.Where(d => EF.Functions.Like(d.Title.ToLower(), pattern, "\\") || EF.Functions.Like(d.Slug.ToLower(), pattern, "\\"));
#pragma warning restore CA1304, CA1311
        }

        var total = await documents.CountAsync(cancellationToken);
        var sorted = (query.Sort, query.Descending) switch
        {
            (DocumentSort.Title, false) => documents.OrderBy(d => d.Title),
            (DocumentSort.Title, true) => documents.OrderByDescending(d => d.Title),
            (DocumentSort.Version, false) => documents.OrderBy(d => d.CurrentVersion),
            (DocumentSort.Version, true) => documents.OrderByDescending(d => d.CurrentVersion),
            (_, false) => documents.OrderBy(d => d.UpdatedAt),
            _ => documents.OrderByDescending(d => d.UpdatedAt),
        };
        var items = await sorted.ThenBy(d => d.Id)
            .Skip(query.Skip).Take(query.Take)
            .ToListAsync(cancellationToken);
        return (items, total);
    }

    /// <summary>
    /// Creates version 1; with <paramref name="ownerUserId"/>, that user becomes the owner in the same commit. With no
    /// <paramref name="slug"/>, the first free one of <paramref name="slugStem"/> (default: the title's), "-2", "-3"….
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(
        string title, string? slug, string content, string author, string? ownerUserId, CancellationToken cancellationToken, string? slugStem = null)
    {
        var stem = slugStem is null ? DocumentRules.SlugFromTitle(title) : DocumentRules.SlugStem(slugStem);
        var candidates = slug is null ? await FreeSlugCandidatesAsync(stem, cancellationToken) : [slug];
        foreach (var candidate in candidates)
        {
            var now = DocumentRules.StoredNow(clock);
            var document = new Document
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                Slug = candidate,
                Title = title,
                CurrentVersion = 1,
                State = DocumentState.Active,
                CreatedAt = now,
                UpdatedAt = now,
                UpdatedBy = author,
                Size = DocumentRules.ByteCount(content),
            };
            db.Documents.Add(document);
            db.Revisions.Add(NewRevision(document, content, baseVersion: null));
            if (ownerUserId is not null)
            {
                db.DocumentMembers.Add(new DocumentMember { DocumentId = document.Id, UserId = ownerUserId, Role = DocumentRole.Owner, GrantedAt = now });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                _texts.Cache.Add(document.Id, 1, content);
                return new CreateOutcome.Created(new DocumentSnapshot(document, content));
            }
            catch (DbUpdateException exception) when (IsUniqueViolation(exception))
            {
                // Someone took the slug between our look-up and our insert: try the next candidate.
                db.ChangeTracker.Clear();
            }
        }

        return new CreateOutcome.SlugTaken(slug ?? candidates[^1]);
    }

    /// <summary>Version 1 of a document exactly as its creation answered it, whatever happened to it since (idempotent replays).</summary>
    public async Task<DocumentSnapshot?> FirstVersionAsync(Guid documentId, CancellationToken cancellationToken)
    {
        var head = await FindAsync(documentId, cancellationToken);
        var first = head is null ? null : await GetRevisionAsync(documentId, 1, cancellationToken);
        if (head is null || first is null)
        {
            return null;
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
        return new DocumentSnapshot(original, first.Content);
    }

    /// <summary>Archives or restores, only from <paramref name="from"/>, never while locked, and (when given) only at <paramref name="expectedVersion"/>.</summary>
    /// <remarks>The change and its <paramref name="recorded"/> event commit together: history never misses an archive or a restore.</remarks>
    public async Task<StateChangeOutcome> ChangeStateAsync(
        Guid id, DocumentState from, DocumentState to, int? expectedVersion, DocumentEvent recorded, CancellationToken cancellationToken)
    {
        var (updated, head) = await ChangeHeadAsync(id, recorded, now => db.Documents
            .Where(d => d.Id == id && d.State == from && d.LockedAt == null && (expectedVersion == null || d.CurrentVersion == expectedVersion))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.State, to).SetProperty(d => d.UpdatedAt, now), cancellationToken), cancellationToken);
        return (updated, head) switch
        {
            (_, null) => new StateChangeOutcome.NotFound(),
            (1, _) => new StateChangeOutcome.Changed(head),
            // A lock refuses whatever the state or version asked for: never reported as a conflict.
            _ when head.IsLocked => new StateChangeOutcome.Locked(head),
            _ when head.State == to => new StateChangeOutcome.Unchanged(head),
            _ => new StateChangeOutcome.Stale(head),
        };
    }

    /// <summary>
    /// Locks (<paramref name="locked"/>) or unlocks a document, by <paramref name="recorded"/>'s actor. One guarded
    /// UPDATE decides ("only if not locked yet", "only if locked"), so of a lock and a save racing, the database
    /// orders them: a save's own guarded UPDATE refuses a locked row. The change and its event commit together.
    /// </summary>
    public async Task<LockChangeOutcome> SetLockAsync(Guid id, bool locked, DocumentEvent recorded, CancellationToken cancellationToken)
    {
        var (updated, head) = await ChangeHeadAsync(id, recorded, now => locked
            ? db.Documents.Where(d => d.Id == id && d.LockedAt == null).ExecuteUpdateAsync(
                set => set.SetProperty(d => d.LockedAt, now).SetProperty(d => d.LockedBy, recorded.Actor).SetProperty(d => d.LockedByUserId, recorded.ActorUserId),
                cancellationToken)
            : db.Documents.Where(d => d.Id == id && d.LockedAt != null).ExecuteUpdateAsync(
                set => set.SetProperty(d => d.LockedAt, (DateTime?)null).SetProperty(d => d.LockedBy, (string?)null).SetProperty(d => d.LockedByUserId, (string?)null),
                cancellationToken),
            cancellationToken);
        return (updated, head) switch
        {
            (_, null) => new LockChangeOutcome.NotFound(),
            (1, _) => new LockChangeOutcome.Changed(head),
            _ => new LockChangeOutcome.Unchanged(head),
        };
    }

    /// <summary>
    /// One guarded change of a document's head and, when it matched, its <paramref name="recorded"/> event, in one
    /// transaction; then the head as that transaction leaves it (null: no such document).
    /// </summary>
    private async Task<(int Updated, Document? Head)> ChangeHeadAsync(
        Guid id, DocumentEvent recorded, Func<DateTime, Task<int>> guardedUpdate, CancellationToken cancellationToken)
    {
        var now = DocumentRules.StoredNow(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await guardedUpdate(now);
        if (updated == 1)
        {
            recorded.DocumentId = id;
            recorded.At = now;
            db.DocumentEvents.Add(recorded);
            await db.SaveChangesAsync(cancellationToken);
        }

        var head = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (updated, head);
    }

    public async Task<IReadOnlyList<RevisionInfo>> ListRevisionsAsync(Guid id, int skip, int take, CancellationToken cancellationToken) =>
        await RevisionInfos(db.Revisions.Where(r => r.DocumentId == id).OrderByDescending(r => r.Version).Skip(skip).Take(take))
            .ToListAsync(cancellationToken);

    /// <summary>The newest <paramref name="max"/> revisions after <paramref name="baseVersion"/>, newest first.</summary>
    public async Task<IReadOnlyList<RevisionInfo>> RevisionsAfterAsync(Guid id, int baseVersion, int max, CancellationToken cancellationToken) =>
        await RevisionInfos(db.Revisions.Where(r => r.DocumentId == id && r.Version > baseVersion).OrderByDescending(r => r.Version).Take(max))
            .ToListAsync(cancellationToken);

    /// <summary>A version with its text (<see cref="Revision.Content"/>), checked against its hash; null: no such version.</summary>
    /// <exception cref="RevisionCorruptException">The stored form does not give back the text its hash names.</exception>
    public async Task<Revision?> GetRevisionAsync(Guid id, int version, CancellationToken cancellationToken) =>
        await RevisionAt(db, id, version, cancellationToken) is { } revision ? await _texts.FillAsync(db, revision, cancellationToken) : null;

    private static IQueryable<RevisionInfo> RevisionInfos(IQueryable<Revision> revisions) =>
        revisions.Select(r => new RevisionInfo(r.Version, r.Title, r.Author, r.CreatedAt, r.BaseVersion, r.Size, r.ContentHash));

    /// <summary>A version stored whole (a compressed snapshot): the first version of a document.</summary>
    private static Revision NewRevision(Document head, string content, int? baseVersion)
    {
        var encoded = RevisionEncoder.Snapshot(content);
        return new()
        {
            DocumentId = head.Id,
            Version = head.CurrentVersion,
            Content = content,
            Title = head.Title,
            Author = head.UpdatedBy,
            CreatedAt = head.UpdatedAt,
            BaseVersion = baseVersion,
            Size = encoded.Size,
            ContentHash = encoded.ContentHash,
            Payload = encoded.Payload,
            SnapshotVersion = head.CurrentVersion,
            ChainLength = 0,
            StoredSize = encoded.StoredSize,
        };
    }

    /// <summary>"notes", then "notes-2", "notes-3"… skipping the ones already taken.</summary>
    private async Task<List<string>> FreeSlugCandidatesAsync(string stem, CancellationToken cancellationToken)
    {
        var prefix = $"{EscapeLike(stem)}%";
        var taken = (await db.Documents.Where(d => EF.Functions.Like(d.Slug, prefix, "\\")).Select(d => d.Slug).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        return Enumerable.Range(1, int.MaxValue)
            .Select(n => n == 1 ? stem : $"{stem}-{n}")
            .Where(candidate => !taken.Contains(candidate))
            .Take(AutoSlugAttempts)
            .ToList();
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>A duplicate key, whichever database refused it.</summary>
    internal static bool IsUniqueViolation(DbUpdateException exception) =>
        StorageDialect.For(StorageProvider.Sqlite).IsUniqueViolation(exception) || StorageDialect.For(StorageProvider.Postgres).IsUniqueViolation(exception);
}
