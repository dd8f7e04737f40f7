namespace CollabEdit.Web.Storage;

/// <summary>
/// A new version's stored form, made before the write (outside any lock): its payload, the version whose snapshot
/// starts its chain (null: itself, a snapshot, whatever version it becomes), its place in the chain, and its hash and size.
/// </summary>
public sealed record EncodedRevision(byte[] Payload, int? SnapshotVersion, int ChainLength, long Size, string ContentHash)
{
    /// <summary>Bytes the version costs on disk.</summary>
    public long StoredSize => Payload.Length;

    /// <summary>True when the payload is a delta from the version it replaces.</summary>
    public bool IsDelta => SnapshotVersion is not null;
}
