namespace CollabEdit.Web.Features.Documents;

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
