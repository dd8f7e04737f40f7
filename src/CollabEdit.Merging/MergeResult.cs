using System.Collections.Immutable;

namespace CollabEdit.Merging;

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
