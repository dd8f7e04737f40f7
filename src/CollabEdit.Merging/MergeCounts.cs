namespace CollabEdit.Merging;

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
