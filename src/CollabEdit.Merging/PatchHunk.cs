using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>
/// One hunk of a unified diff, with its header's numbers as printed: <c>@@ -OldStart,OldCount +NewStart,NewCount @@</c>.
/// Line numbers are 1-based; a side with a count of 0 names the line after which the hunk sits (0: before the first),
/// as <c>diff -u</c> prints them.
/// </summary>
/// <param name="OldStart">The first old line (or the line before, when <paramref name="OldCount"/> is 0).</param>
/// <param name="OldCount">How many old lines the hunk covers (context and removed).</param>
/// <param name="NewStart">The first new line (or the line before, when <paramref name="NewCount"/> is 0).</param>
/// <param name="NewCount">How many new lines the hunk makes (context and added).</param>
/// <param name="Lines">The hunk's lines, in order.</param>
public sealed record PatchHunk(int OldStart, int OldCount, int NewStart, int NewCount, ImmutableArray<PatchLine> Lines)
{
    /// <summary>The 0-based index of the first old line the hunk covers (where it sits when it covers none).</summary>
    public int OldIndex => OldCount == 0 ? OldStart : OldStart - 1;
}
