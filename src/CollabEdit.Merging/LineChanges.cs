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
}
