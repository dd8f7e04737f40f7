namespace CollabEdit.Merging;

/// <summary>
/// One region of a three-way merge, in order. Each text is the region's exact characters in that version,
/// line endings included: for <see cref="MergeChunkKind.Unchanged"/> all three are equal; for
/// <see cref="MergeChunkKind.Mine"/> theirs equals base, for <see cref="MergeChunkKind.Theirs"/> mine equals
/// base, for <see cref="MergeChunkKind.Same"/> mine equals theirs.
/// </summary>
/// <param name="Kind">Where the region came from.</param>
/// <param name="Base">The region in base.</param>
/// <param name="Mine">The region in mine.</param>
/// <param name="Theirs">The region in theirs.</param>
/// <param name="BaseLines">Its lines in base.</param>
/// <param name="MineLines">Its lines in mine.</param>
/// <param name="TheirsLines">Its lines in theirs.</param>
/// <param name="ConflictIndex">For a conflict, its number (0-based) among the merge's conflicts; otherwise null.</param>
/// <param name="Combined">For <see cref="MergeChunkKind.Combined"/>, the two sides' changes combined; otherwise null.</param>
public sealed record MergeChunk(
    MergeChunkKind Kind,
    string Base,
    string Mine,
    string Theirs,
    LineRange BaseLines,
    LineRange MineLines,
    LineRange TheirsLines,
    int? ConflictIndex,
    string? Combined = null)
{
    /// <summary>What this region contributes to the merged text; null for a conflict, until it is resolved.</summary>
    public string? Merged => Kind switch
    {
        MergeChunkKind.Theirs => Theirs,
        MergeChunkKind.Conflict => null,
        MergeChunkKind.Combined => Combined,
        _ => Mine,
    };
}
