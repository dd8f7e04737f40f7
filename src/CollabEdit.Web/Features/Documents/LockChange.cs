namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// An owner locked (<paramref name="Locked"/>) or unlocked a document: announced once committed, so that every open
/// editor turns read-only at once (and back), and hub clients hear it. Who and when, as the document now says.
/// </summary>
public sealed record LockChange(Guid DocumentId, bool Locked, string? LockedBy, DateTime? LockedAt, int Version)
{
    public static LockChange Of(Document head) => new(head.Id, head.IsLocked, head.LockedBy, head.LockedAt, head.CurrentVersion);
}
