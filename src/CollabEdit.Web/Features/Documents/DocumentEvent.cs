namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// A recorded change that is not a version: archive, restore, lock, unlock, access granted, changed or removed. Who (the display
/// name at the time, and the account), when, and for access changes whom and which role. Append-only.
/// </summary>
public sealed class DocumentEvent
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public DocumentEventKind Kind { get; set; }
    public required string Actor { get; set; }
    public string? ActorUserId { get; set; }
    public DateTime At { get; set; }

    /// <summary>For access changes: the email of the person whose access changed.</summary>
    public string? Subject { get; set; }

    /// <summary>For access changes: the role given (null when removed).</summary>
    public DocumentRole? Role { get; set; }
}
