namespace CollabEdit.Merging;

/// <summary>How many lines a change added and removed, counted with the engine's line diff.</summary>
public static class LineChanges
{
    /// <summary>Lines in <paramref name="after"/> that are not in <paramref name="before"/> (added) and the reverse (removed).</summary>
    /// <param name="before">The earlier text.</param>
    /// <param name="after">The later text.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static (int Added, int Removed) Count(string before, string after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var classifier = new LineClassifier();
        var old = classifier.Classify(TextLines.Split(before), cancellationToken);
        var @new = classifier.Classify(TextLines.Split(after), cancellationToken);
        var hunks = LineDiff.Diff(old, @new, cancellationToken);
        return (hunks.Sum(h => h.Count2), hunks.Sum(h => h.Count1));
    }

    /// <summary>
    /// The same count for a text and the changes made to it, diffing only the lines the changes touch: what a version
    /// bump costs follows the change, not the size of the document (a whole 5 MB text is some 60 ms of line diff).
    /// </summary>
    /// <param name="before">The earlier text.</param>
    /// <param name="changes">The changes made to it.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static (int Added, int Removed) Count(string before, ChangeSet changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Length != before.Length)
        {
            throw new ArgumentException($"The changes apply to a text of {changes.Length} characters, not {before.Length}.", nameof(changes));
        }

        var list = changes.Changes;
        var (added, removed) = (0, 0);
        for (var i = 0; i < list.Length;)
        {
            // The whole lines the change touches, joined with the next changes whose lines meet them.
            var start = LineStart(before, list[i].From);
            var end = LineEnd(before, list[i].To);
            var last = i;
            while (last + 1 < list.Length && list[last + 1].From <= end)
            {
                last++;
                end = Math.Max(end, LineEnd(before, list[last].To));
            }

            var after = new System.Text.StringBuilder();
            var position = start;
            for (var k = i; k <= last; k++)
            {
                after.Append(before, position, list[k].From - position).Append(list[k].Insert);
                position = list[k].To;
            }

            after.Append(before, position, end - position);
            var (a, r) = Count(before[start..end], after.ToString(), cancellationToken);
            (added, removed) = (added + a, removed + r);
            i = last + 1;
        }

        return (added, removed);
    }

    private static int LineStart(string text, int position) => position == 0 ? 0 : text.LastIndexOf('\n', position - 1) + 1;

    private static int LineEnd(string text, int position)
    {
        var newline = text.IndexOf('\n', position);
        return newline < 0 ? text.Length : newline + 1;
    }
}
