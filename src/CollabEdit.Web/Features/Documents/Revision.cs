using System.ComponentModel.DataAnnotations.Schema;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// One saved version of a document. Revisions are append-only: database triggers refuse deletes, and updates of
/// anything but the storage columns (<see cref="Payload"/>, <see cref="LegacyContent"/>, <see cref="SnapshotVersion"/>,
/// <see cref="ChainLength"/>, <see cref="StoredSize"/>), which only a repack re-encodes, to the same text.
/// </summary>
public sealed class Revision
{
    public Guid DocumentId { get; set; }
    public int Version { get; set; }

    /// <summary>
    /// The text of this version, as storage reconstructed and checked it against <see cref="ContentHash"/>; not a
    /// column (see <see cref="Payload"/>). Empty on a row read straight from the table.
    /// </summary>
    [NotMapped]
    public string Content { get; set; } = "";

    public required string Title { get; set; }
    public required string Author { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The version the author started from; null for the first revision.</summary>
    public int? BaseVersion { get; set; }

    /// <summary>UTF-8 byte count of <see cref="Content"/>.</summary>
    public long Size { get; set; }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 content.</summary>
    public required string ContentHash { get; set; }

    /// <summary>
    /// The text as plain text, only in rows written before revisions were stored as deltas (column "Content"); such a
    /// row starts a chain like a snapshot. Null in every newer row, and once a repack has re-encoded the row.
    /// </summary>
    public string? LegacyContent { get; set; }

    /// <summary>
    /// The stored form of the text (null in a legacy row): a Brotli-compressed snapshot of the UTF-8 text, or a
    /// Brotli-compressed delta from the text of the previous version (the first byte says which).
    /// </summary>
    public byte[]? Payload { get; set; }

    /// <summary>
    /// The version whose snapshot (or legacy full text) starts this version's chain: the text of this version is that
    /// snapshot with the deltas of the versions after it, up to this one, applied. Equal to <see cref="Version"/> for a
    /// snapshot or a legacy row.
    /// </summary>
    public int SnapshotVersion { get; set; }

    /// <summary>How many deltas are applied to the snapshot to read this version (0 for a snapshot or a legacy row).</summary>
    public int ChainLength { get; set; }

    /// <summary>Bytes this version costs on disk: the payload's length, or the UTF-8 length of a legacy row's text.</summary>
    public long StoredSize { get; set; }
}
