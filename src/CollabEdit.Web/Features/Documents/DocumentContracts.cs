namespace CollabEdit.Web.Features.Documents;

public sealed record CreateDocumentRequest(string? Title, string? Slug, string? Content);

/// <summary>The body of a save. <c>BaseVersion</c> is the version the edit started from; it guards the save when no If-Match header is sent.</summary>
public sealed record SaveDocumentRequest(string? Content, string? Title, int? BaseVersion);

public sealed record DocumentResponse(
    Guid Id,
    string Slug,
    string Title,
    int Version,
    string Content,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string UpdatedBy,
    DocumentState State,
    long Size,
    bool Locked,
    string? LockedBy,
    DateTime? LockedAt)
{
    public static DocumentResponse From(DocumentSnapshot snapshot) => new(
        snapshot.Head.Id,
        snapshot.Head.Slug,
        snapshot.Head.Title,
        snapshot.Head.CurrentVersion,
        snapshot.Content,
        snapshot.Head.CreatedAt,
        snapshot.Head.UpdatedAt,
        snapshot.Head.UpdatedBy,
        snapshot.Head.State,
        snapshot.Head.Size,
        snapshot.Head.IsLocked,
        snapshot.Head.LockedBy,
        snapshot.Head.LockedAt);
}

/// <summary>
/// A document's summary: one row of the list, and the answer of a lock or an unlock. <c>Role</c>: the caller's role on
/// the document (owner for everyone in open mode). <c>Locked</c>: an owner locked it (who and when beside it).
/// </summary>
public sealed record DocumentListItem(
    Guid Id, string Slug, string Title, int Version, DateTime UpdatedAt, string UpdatedBy, long Size, DocumentState State, Documents.DocumentRole Role,
    bool Locked, string? LockedBy, DateTime? LockedAt)
{
    public static DocumentListItem From(Document d, Documents.DocumentRole role) =>
        new(d.Id, d.Slug, d.Title, d.CurrentVersion, d.UpdatedAt, d.UpdatedBy, d.Size, d.State, role, d.IsLocked, d.LockedBy, d.LockedAt);
}

public sealed record DocumentList(IReadOnlyList<DocumentListItem> Items, int Total, int Skip, int Take);

public sealed record RevisionList(IReadOnlyList<RevisionInfo> Items, int Skip, int Take);

public sealed record RevisionResponse(Guid DocumentId, int Version, string Title, string Content, string Author, DateTime CreatedAt, int? BaseVersion, long Size, string ContentHash)
{
    public static RevisionResponse From(Revision r) => new(r.DocumentId, r.Version, r.Title, r.Content, r.Author, r.CreatedAt, r.BaseVersion, r.Size, r.ContentHash);
}

/// <summary>One version saved after the caller's base: who saved it and when (part of a 409's body).</summary>
public sealed record ChangeSinceBase(int Version, string Author, DateTime SavedAt);
