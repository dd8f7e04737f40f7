using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>Where a region of the merge came from.</summary>
public enum MergeChunkKind
{
    /// <summary>Neither side changed these lines.</summary>
    Unchanged,

    /// <summary>Only mine changed these lines; the merge takes mine.</summary>
    Mine,

    /// <summary>Only theirs changed these lines; the merge takes theirs.</summary>
    Theirs,

    /// <summary>Both sides made the same change; the merge takes it once.</summary>
    Same,

    /// <summary>Both sides changed these lines differently; someone has to choose.</summary>
    Conflict,
}

/// <summary>A half-open range of lines [Start, Start + Count) in one of the three texts.</summary>
/// <param name="Start">The first line (0-based).</param>
/// <param name="Count">How many lines.</param>
public readonly record struct LineRange(int Start, int Count)
{
    /// <summary>The line after the last one.</summary>
    public int End => Start + Count;
}

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
public sealed record MergeChunk(
    MergeChunkKind Kind,
    string Base,
    string Mine,
    string Theirs,
    LineRange BaseLines,
    LineRange MineLines,
    LineRange TheirsLines,
    int? ConflictIndex)
{
    /// <summary>What this region contributes to the merged text; null for a conflict, until it is resolved.</summary>
    public string? Merged => Kind switch
    {
        MergeChunkKind.Theirs => Theirs,
        MergeChunkKind.Conflict => null,
        _ => Mine,
    };
}

/// <summary>How many regions of each kind a merge has.</summary>
/// <param name="Unchanged">Regions neither side changed.</param>
/// <param name="FromMine">Regions taken from mine.</param>
/// <param name="FromTheirs">Regions taken from theirs.</param>
/// <param name="Same">Regions both sides changed identically.</param>
/// <param name="Conflicts">Regions in conflict.</param>
public readonly record struct MergeCounts(int Unchanged, int FromMine, int FromTheirs, int Same, int Conflicts);

/// <summary>The outcome of a three-way merge: its regions in order, and the merged text when nothing conflicts.</summary>
/// <param name="Chunks">Every region of the merge, in order; concatenating their texts rebuilds each version.</param>
/// <param name="MergedText">The merged text, or null when there are conflicts (resolve them with <see cref="MergeResolution"/>).</param>
/// <param name="Counts">How many regions of each kind.</param>
public sealed record MergeResult(ImmutableArray<MergeChunk> Chunks, string? MergedText, MergeCounts Counts)
{
    /// <summary>Whether the merge needs no decision.</summary>
    public bool IsClean => Counts.Conflicts == 0;

    /// <summary>The conflicts alone, in order.</summary>
    public IEnumerable<MergeChunk> Conflicts => Chunks.Where(c => c.Kind == MergeChunkKind.Conflict);
}
