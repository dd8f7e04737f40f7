namespace CollabEdit.Web.Features.Documents;

/// <summary>One saved version of a document. Revisions are append-only (database triggers refuse updates and deletes).</summary>
public sealed class Revision
{
    public Guid DocumentId { get; set; }
    public int Version { get; set; }
    public required string Content { get; set; }
    public required string Title { get; set; }
    public required string Author { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The version the author started from; null for the first revision.</summary>
    public int? BaseVersion { get; set; }

    /// <summary>UTF-8 byte count of <see cref="Content"/>.</summary>
    public long Size { get; set; }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 content.</summary>
    public required string ContentHash { get; set; }
}
