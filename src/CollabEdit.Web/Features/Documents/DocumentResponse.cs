namespace CollabEdit.Web.Features.Documents;

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
