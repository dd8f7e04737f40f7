using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>Two texts cut into lines (each line with its terminator, as in git) and the hunks between them.</summary>
/// <param name="OldLines">The old text's lines.</param>
/// <param name="NewLines">The new text's lines.</param>
/// <param name="Hunks">The differences, in order.</param>
public sealed record LineComparison(ImmutableArray<string> OldLines, ImmutableArray<string> NewLines, ImmutableArray<LineHunk> Hunks)
{
    /// <summary>
    /// Compares two texts line by line with the engine's diff (git's xdiff Myers with its cost bound, see
    /// <c>LineDiff</c>), so that the time stays near-linear however different the texts are: the same diff that
    /// merges use, for history comparisons of any size.
    /// </summary>
    /// <param name="before">The earlier text.</param>
    /// <param name="after">The later text.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    public static LineComparison Of(string before, string after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var classifier = new LineClassifier();
        var oldLines = TextLines.Split(before);
        var newLines = TextLines.Split(after);
        var hunks = LineDiff.Diff(classifier.Classify(oldLines, cancellationToken), classifier.Classify(newLines, cancellationToken), cancellationToken);
        return new LineComparison(
            Lines(oldLines),
            Lines(newLines),
            [.. hunks.Select(h => new LineHunk(h.Start1, h.Count1, h.Start2, h.Count2))]);
    }

    private static ImmutableArray<string> Lines(TextLines lines)
    {
        var builder = ImmutableArray.CreateBuilder<string>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            builder.Add(lines[i].ToString());
        }

        return builder.MoveToImmutable();
    }
}
