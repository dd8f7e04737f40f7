using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>
/// The prose mode: starts from git's merge and merges each conflict again at a finer grain. A conflict made only
/// of link reference definitions merges by label (<see cref="LinkDefinitionMerge"/>); any other merges word by
/// word (<see cref="WordMerge"/>), unless a line of it in any version is code, front matter, a table or HTML
/// (<see cref="MarkdownBlocks"/>): those keep git's line conflict. What git merged cleanly is never touched.
/// </summary>
internal static class ProseMerge
{
    /// <summary>Git's chunks with each conflict that combines replaced by a <see cref="MergeChunkKind.Combined"/> chunk.</summary>
    public static ImmutableArray<MergeChunk> Combine(ImmutableArray<MergeChunk> chunks, MergePlan plan, CancellationToken cancellationToken)
    {
        if (!chunks.Any(c => c.Kind == MergeChunkKind.Conflict))
        {
            return chunks;
        }

        var baseProtected = MarkdownBlocks.Protected(plan.Base);
        var mineProtected = MarkdownBlocks.Protected(plan.Mine);
        var theirsProtected = MarkdownBlocks.Protected(plan.Theirs);
        var builder = chunks.ToBuilder();
        for (var i = 0; i < builder.Count; i++)
        {
            var chunk = builder[i];
            if (chunk.Kind != MergeChunkKind.Conflict
                || Any(baseProtected, chunk.BaseLines) || Any(mineProtected, chunk.MineLines) || Any(theirsProtected, chunk.TheirsLines))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var combined = LinkDefinitionMerge.TryMerge(chunk.Base, chunk.Mine, chunk.Theirs)
                ?? WordMerge.TryMerge(chunk.Base, chunk.Mine, chunk.Theirs, cancellationToken);
            if (combined is not null)
            {
                builder[i] = chunk with { Kind = MergeChunkKind.Combined, Combined = combined, ConflictIndex = null };
            }
        }

        return builder.ToImmutable();
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
