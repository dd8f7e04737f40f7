namespace CollabEdit.Web.Storage;

/// <summary>What a repack did: versions re-encoded (in how many documents), and the bytes they cost on disk before and after.</summary>
public sealed record RepackReport(int Documents, int Versions, long BytesBefore, long BytesAfter)
{
    public static RepackReport None { get; } = new(0, 0, 0, 0);

    public RepackReport Add(RepackReport other) =>
        new(Documents + other.Documents, Versions + other.Versions, BytesBefore + other.BytesBefore, BytesAfter + other.BytesAfter);

    public override string ToString() =>
        FormattableString.Invariant($"Repacked {Versions} versions of {Documents} documents: {BytesBefore:N0} bytes before, {BytesAfter:N0} bytes after") +
        (BytesBefore > 0 ? FormattableString.Invariant($" ({100.0 * BytesAfter / BytesBefore:0.#}%).") : ".");
}
