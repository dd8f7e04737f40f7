using DiffPlex;

namespace CollabEdit.Merging;

/// <summary>
/// The changes between two texts made word by word, each cut down to the characters that differ: where a rebase's
/// region (a paragraph both sides changed) turns one side's text into the merged one. A single replacement from the
/// first difference to the last (what <see cref="ChangeSet.Between"/> gives for a short text) would cover the words a
/// person is typing between two others' edits, and their caret, mapped through it, would jump to its edge: their next
/// letters would land inside someone else's word. Only the words that differ are touched here.
/// </summary>
public static class WordChanges
{
    private static readonly Differ Differ = new();

    /// <summary>The changes that turn <paramref name="before"/> into <paramref name="after"/>, touching only the words that differ.</summary>
    /// <remarks>
    /// Above <see cref="WordDiff.MaxWords"/> words (both texts together, after their common start and end) the texts
    /// are compared as <see cref="ChangeSet.Between"/> does (line by line), so that no input makes it slow.
    /// </remarks>
    public static ChangeSet Between(string before, string after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var (prefix, suffix) = ChangeSet.CommonEnds(before, 0, before.Length, after, 0, after.Length);
        var oldMiddle = before.Substring(prefix, before.Length - prefix - suffix);
        var newMiddle = after.Substring(prefix, after.Length - prefix - suffix);
        if (oldMiddle.Length == 0 || newMiddle.Length == 0)
        {
            return ChangeSet.Between(before, after, cancellationToken);
        }

        var oldTokens = WordDiff.Tokenize(oldMiddle);
        var newTokens = WordDiff.Tokenize(newMiddle);
        if (oldTokens.Length + newTokens.Length > WordDiff.MaxWords)
        {
            return ChangeSet.Between(before, after, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var blocks = Differ.CreateCustomDiffs(oldMiddle, newMiddle, false, WordDiff.Tokenize).DiffBlocks;
        var oldStarts = Starts(oldTokens);
        var newStarts = Starts(newTokens);
        var changes = new List<TextChange>(blocks.Count);
        foreach (var block in blocks)
        {
            var oldFrom = oldStarts[block.DeleteStartA];
            var oldTo = oldStarts[block.DeleteStartA + block.DeleteCountA];
            var newFrom = newStarts[block.InsertStartB];
            var newTo = newStarts[block.InsertStartB + block.InsertCountB];

            // "week" becoming "weekdays" is "days" typed after "week", not the word replaced.
            var (head, tail) = ChangeSet.CommonEnds(oldMiddle, oldFrom, oldTo, newMiddle, newFrom, newTo);
            changes.Add(new TextChange(
                prefix + oldFrom + head, prefix + oldTo - tail, newMiddle.Substring(newFrom + head, newTo - tail - newFrom - head)));
        }

        return ChangeSet.Of(before.Length, changes);
    }

    /// <summary>Where each token starts, and one more entry: where the last one ends.</summary>
    private static int[] Starts(string[] tokens)
    {
        var starts = new int[tokens.Length + 1];
        for (var i = 0; i < tokens.Length; i++)
        {
            starts[i + 1] = starts[i] + tokens[i].Length;
        }

        return starts;
    }
}
