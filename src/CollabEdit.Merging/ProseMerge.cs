using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>
/// The prose mode: starts from git's merge and merges each conflict again at a finer grain. A conflict made only
/// of link reference definitions merges by label (<see cref="LinkDefinitionMerge"/>); any other merges word by
/// word (<see cref="WordMerge"/>), unless a line of it in any version is code, front matter, a table or HTML
/// (<see cref="MarkdownBlocks"/>): those keep git's line conflict. What git merged cleanly is never touched.
/// </summary>
/// <remarks>
/// Git's refinement (<c>xdl_refine_conflicts</c>) cuts a conflict where both sides have the same lines, and only
/// guesses which base lines each piece replaced. So a run of conflicts and such identical pieces is merged as one
/// region first, with its exact base; only when that fails is each conflict tried alone.
/// </remarks>
internal static class ProseMerge
{
    /// <summary>A combined region: mine's lines <paramref name="MineLines"/>, which hold git's conflicts numbered <paramref name="FirstConflict"/> to <paramref name="LastConflict"/>, become <paramref name="Text"/>.</summary>
    public readonly record struct Replacement(int FirstConflict, int LastConflict, LineRange MineLines, string Text);

    /// <summary>Git's chunks with what combines replaced by <see cref="MergeChunkKind.Combined"/> chunks, and the replacements in git's conflict numbering.</summary>
    public static (ImmutableArray<MergeChunk> Chunks, List<Replacement> Replacements) Combine(
        ImmutableArray<MergeChunk> chunks, MergePlan plan, CancellationToken cancellationToken)
    {
        var replacements = new List<Replacement>();
        if (!chunks.Any(c => c.Kind == MergeChunkKind.Conflict))
        {
            return (chunks, replacements);
        }

        var guard = new Guard(plan);
        var result = ImmutableArray.CreateBuilder<MergeChunk>(chunks.Length);
        for (var i = 0; i < chunks.Length;)
        {
            if (chunks[i].Kind is not (MergeChunkKind.Conflict or MergeChunkKind.Same))
            {
                result.Add(chunks[i++]);
                continue;
            }

            var end = i;
            while (end < chunks.Length && chunks[end].Kind is MergeChunkKind.Conflict or MergeChunkKind.Same)
            {
                end++;
            }

            var run = chunks[i..end];
            var conflicts = run.Where(c => c.Kind == MergeChunkKind.Conflict).Select(c => c.ConflictIndex!.Value).ToList();
            if (conflicts.Count > 1 || (conflicts.Count == 1 && run.Length > 1))
            {
                var whole = Joined(run);
                if (guard.TryCombine(whole, cancellationToken) is { } text)
                {
                    result.Add(whole with { Kind = MergeChunkKind.Combined, Combined = text, ConflictIndex = null });
                    replacements.Add(new Replacement(conflicts[0], conflicts[^1], whole.MineLines, text));
                    i = end;
                    continue;
                }
            }

            for (; i < end; i++)
            {
                var chunk = chunks[i];
                if (chunk.Kind == MergeChunkKind.Conflict && guard.TryCombine(chunk, cancellationToken) is { } text)
                {
                    result.Add(chunk with { Kind = MergeChunkKind.Combined, Combined = text, ConflictIndex = null });
                    replacements.Add(new Replacement(chunk.ConflictIndex!.Value, chunk.ConflictIndex.Value, chunk.MineLines, text));
                }
                else
                {
                    result.Add(chunk);
                }
            }
        }

        return (result.ToImmutable(), replacements);
    }

    /// <summary>Consecutive chunks as one conflict region.</summary>
    private static MergeChunk Joined(ImmutableArray<MergeChunk> run) => new(
        MergeChunkKind.Conflict,
        string.Concat(run.Select(c => c.Base)),
        string.Concat(run.Select(c => c.Mine)),
        string.Concat(run.Select(c => c.Theirs)),
        new LineRange(run[0].BaseLines.Start, run.Sum(c => c.BaseLines.Count)),
        new LineRange(run[0].MineLines.Start, run.Sum(c => c.MineLines.Count)),
        new LineRange(run[0].TheirsLines.Start, run.Sum(c => c.TheirsLines.Count)),
        ConflictIndex: 0);

    /// <summary>Which lines may be merged word by word, computed once per merge.</summary>
    private sealed class Guard(MergePlan plan)
    {
        private readonly bool[] _base = MarkdownBlocks.Protected(plan.Base);
        private readonly bool[] _mine = MarkdownBlocks.Protected(plan.Mine);
        private readonly bool[] _theirs = MarkdownBlocks.Protected(plan.Theirs);

        public string? TryCombine(MergeChunk region, CancellationToken cancellationToken)
        {
            if (Any(_base, region.BaseLines) || Any(_mine, region.MineLines) || Any(_theirs, region.TheirsLines))
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            return LinkDefinitionMerge.TryMerge(region.Base, region.Mine, region.Theirs)
                ?? WordMerge.TryMerge(region.Base, region.Mine, region.Theirs, cancellationToken);
        }

        private static bool Any(bool[] flags, LineRange lines)
        {
            for (var i = lines.Start; i < lines.End; i++)
            {
                if (flags[i])
                {
                    return true;
                }
            }

            return false;
        }
    }
}
