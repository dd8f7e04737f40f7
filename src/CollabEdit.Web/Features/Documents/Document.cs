using System.ComponentModel.DataAnnotations.Schema;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The head of a document: its identity and a denormalised summary of its newest revision, so that
/// lists and the guarded save touch one row. The content itself lives only in <see cref="Revision"/>.
/// </summary>
public sealed class Document
{
    public Guid Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public int CurrentVersion { get; set; }
    public DocumentState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public long Size { get; set; }

    /// <summary>When an owner locked the document (null: not locked). While locked, every write is refused.</summary>
    public DateTime? LockedAt { get; set; }

    /// <summary>Who locked it, by the name they had then.</summary>
    public string? LockedBy { get; set; }

    /// <summary>The account that locked it (null in open mode).</summary>
    public string? LockedByUserId { get; set; }

    [NotMapped]
    public bool IsLocked => LockedAt is not null;
}
