namespace CollabEdit.Merging;

/// <summary>Options of a three-way merge.</summary>
/// <param name="RefineConflicts">
/// Shrink conflicts as git's default (zealous) merge does: lines both sides agree on move out of a conflict, and
/// conflicts separated only by a few lines, or by lines with no letter or digit, are joined. On by default.
/// </param>
/// <param name="Prose">
/// Merge each conflict git leaves again, word by word (prose and Markdown aware), and report what combines as
/// <see cref="MergeChunkKind.Combined"/>. Off by default: the result is then git's.
/// </param>
public sealed record MergeOptions(bool RefineConflicts = true, bool Prose = false)
{
    /// <summary>Git's default merge.</summary>
    public static MergeOptions Default { get; } = new();

    /// <summary>Git's merge, then the prose mode inside its conflicts.</summary>
    public static MergeOptions ForProse { get; } = new(Prose: true);

    internal MergeLevel Level => RefineConflicts ? MergeLevel.ZealousAlnum : MergeLevel.Eager;
}
