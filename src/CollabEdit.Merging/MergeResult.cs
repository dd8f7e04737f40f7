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

    /// <summary>
    /// Both sides changed these lines differently, in different words: the prose mode combined the two changes
    /// (<see cref="MergeChunk.Combined"/>). Git leaves this a conflict; show it for checking, with both sides, and let
    /// the user turn it back into a conflict (<see cref="MergeResult.AsConflict"/>).
    /// </summary>
    Combined,
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

/// <summary>How many regions of each kind a merge has.</summary>
/// <param name="Unchanged">Regions neither side changed.</param>
/// <param name="FromMine">Regions taken from mine.</param>
/// <param name="FromTheirs">Regions taken from theirs.</param>
/// <param name="Same">Regions both sides changed identically.</param>
/// <param name="Conflicts">Regions in conflict.</param>
/// <param name="Combined">Regions git leaves in conflict that the prose mode combined word by word.</param>
public readonly record struct MergeCounts(int Unchanged, int FromMine, int FromTheirs, int Same, int Conflicts, int Combined = 0)
{
    internal static MergeCounts Of(IReadOnlyCollection<MergeChunk> chunks) => new(
        chunks.Count(c => c.Kind == MergeChunkKind.Unchanged),
        chunks.Count(c => c.Kind == MergeChunkKind.Mine),
        chunks.Count(c => c.Kind == MergeChunkKind.Theirs),
        chunks.Count(c => c.Kind == MergeChunkKind.Same),
        chunks.Count(c => c.Kind == MergeChunkKind.Conflict),
        chunks.Count(c => c.Kind == MergeChunkKind.Combined));
}

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

    /// <summary>
    /// The same merge with one combined region turned back into the conflict git would have left there (the
    /// user did not trust the combination). Conflicts are renumbered in order.
    /// </summary>
    /// <param name="chunkIndex">The index in <see cref="Chunks"/> of a <see cref="MergeChunkKind.Combined"/> chunk.</param>
    /// <exception cref="ArgumentException">That chunk is not a combined one.</exception>
    public MergeResult AsConflict(int chunkIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunkIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chunkIndex, Chunks.Length);
        if (Chunks[chunkIndex].Kind != MergeChunkKind.Combined)
        {
            throw new ArgumentException($"Chunk {chunkIndex} is {Chunks[chunkIndex].Kind}, not combined.", nameof(chunkIndex));
        }

        return FromChunks(Chunks.SetItem(chunkIndex, Chunks[chunkIndex] with { Kind = MergeChunkKind.Conflict, Combined = null }));
    }

    /// <summary>A result from its chunks: conflicts numbered in order, the text joined when none is left.</summary>
    internal static MergeResult FromChunks(ImmutableArray<MergeChunk> chunks)
    {
        var numbered = ImmutableArray.CreateBuilder<MergeChunk>(chunks.Length);
        var conflicts = 0;
        foreach (var chunk in chunks)
        {
            numbered.Add(chunk with { ConflictIndex = chunk.Kind == MergeChunkKind.Conflict ? conflicts++ : null });
        }

        var counts = MergeCounts.Of(numbered);
        var merged = counts.Conflicts == 0 ? string.Concat(numbered.Select(c => c.Merged)) : null;
        return new MergeResult(numbered.MoveToImmutable(), merged, counts);
    }
}
