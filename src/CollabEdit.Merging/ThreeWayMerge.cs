using System.Globalization;
using System.Text;

namespace CollabEdit.Merging;

/// <summary>
/// Three-way merge of texts, compatible with <c>git merge-file</c>: it agrees with git on which merges are
/// clean and produces git's bytes for them. Line endings are kept as they are (a CRLF line and an LF line differ).
/// </summary>
public static class ThreeWayMerge
{
    /// <summary>Merges mine and theirs, two edits of base.</summary>
    /// <param name="baseText">The version both edits started from.</param>
    /// <param name="mine">My edit.</param>
    /// <param name="theirs">Their edit.</param>
    /// <param name="options">Merge options; <see cref="MergeOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops the work (the diffs check it as they go), so a server can cap what one request costs.</param>
    /// <returns>The regions of the merge, and the merged text when nothing conflicts.</returns>
    public static MergeResult Merge(string baseText, string mine, string theirs, MergeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseText);
        ArgumentNullException.ThrowIfNull(mine);
        ArgumentNullException.ThrowIfNull(theirs);
        options ??= MergeOptions.Default;
        var plan = MergePlan.Create(baseText, mine, theirs, options.Level, cancellationToken);
        var chunks = plan.ToChunks();
        if (options.Prose && chunks.Any(c => c.Kind == MergeChunkKind.Conflict))
        {
            return MergeResult.FromChunks(ProseMerge.Combine(chunks, plan, cancellationToken).Chunks);
        }

        var counts = MergeCounts.Of(chunks);
        string? merged = null;
        if (counts.Conflicts == 0)
        {
            using var text = new StringWriter(new StringBuilder(mine.Length + (theirs.Length / 8)), CultureInfo.InvariantCulture);
            plan.Render(text, ConflictLabels.Default, diff3: false);
            merged = text.ToString();
        }

        return new MergeResult(chunks, merged, counts);
    }

    /// <summary>
    /// The merge as <c>git merge-file</c> writes it: the merged text, with conflict markers around each conflict.
    /// In diff3 style the base is shown too and conflicts are not refined (as in git).
    /// </summary>
    /// <param name="baseText">The version both edits started from.</param>
    /// <param name="mine">My edit.</param>
    /// <param name="theirs">Their edit.</param>
    /// <param name="labels">The labels after the markers.</param>
    /// <param name="diff3">Show the base between <c>|||||||</c> and <c>=======</c>.</param>
    /// <param name="prose">Combine what the prose mode can inside git's conflicts (see <see cref="MergeOptions.Prose"/>); the rest keeps git's markers.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The text and the number of conflicts.</returns>
    public static (string Text, int Conflicts) MergeWithMarkers(
        string baseText, string mine, string theirs, ConflictLabels labels, bool diff3, bool prose = false, CancellationToken cancellationToken = default)
    {
        using var text = new StringWriter(new StringBuilder(mine.Length + (theirs.Length / 8)), CultureInfo.InvariantCulture);
        var conflicts = WriteMergeWithMarkers(baseText, mine, theirs, text, labels, diff3, prose, cancellationToken);
        return (text.ToString(), conflicts);
    }

    /// <summary>
    /// As <see cref="MergeWithMarkers"/>, written to <paramref name="output"/> as it is produced, so that large
    /// merges are never held in memory a second time.
    /// </summary>
    /// <param name="baseText">The version both edits started from.</param>
    /// <param name="mine">My edit.</param>
    /// <param name="theirs">Their edit.</param>
    /// <param name="output">Where the merged text goes.</param>
    /// <param name="labels">The labels after the markers.</param>
    /// <param name="diff3">Show the base between <c>|||||||</c> and <c>=======</c>.</param>
    /// <param name="prose">Combine what the prose mode can inside git's conflicts; the rest keeps git's markers.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The number of conflicts.</returns>
    public static int WriteMergeWithMarkers(
        string baseText, string mine, string theirs, TextWriter output, ConflictLabels labels, bool diff3, bool prose = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(labels);
        var plan = MergePlan.Create(baseText, mine, theirs, diff3 ? MergeLevel.Eager : MergeLevel.ZealousAlnum, cancellationToken);
        if (!prose || plan.ConflictCount == 0)
        {
            plan.Render(output, labels, diff3);
            return plan.ConflictCount;
        }

        // Git's conflicts are numbered in order in both the plan and its chunks: the combined ones are written as text.
        var (_, replacements) = ProseMerge.Combine(plan.ToChunks(), plan, cancellationToken);
        plan.Render(output, labels, diff3, replacements.ToDictionary(r => r.FirstConflict));
        return plan.ConflictCount - replacements.Sum(r => r.LastConflict - r.FirstConflict + 1);
    }
}
