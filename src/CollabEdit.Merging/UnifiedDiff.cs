using System.Globalization;
using System.Text;

namespace CollabEdit.Merging;

/// <summary>
/// Unified diffs, as <c>diff -u</c> and <c>git diff</c> print them and <c>patch(1)</c> and <c>git apply</c> read
/// them: read into a <see cref="UnifiedPatch"/> that applies exactly, and written from two texts with the engine's
/// own line diff.
/// </summary>
public static class UnifiedDiff
{
    /// <summary>The media type of a unified diff (RFC 5789's examples use it; <c>text/x-patch</c> is its synonym).</summary>
    public const string MediaType = "text/x-diff";

    /// <summary>
    /// Reads a unified diff of one file. Accepted: the <c>---</c>/<c>+++</c> headers, git's <c>diff --git</c>,
    /// <c>index</c>, mode and rename lines, hunk headers with counts omitted when 1 and any section text after them,
    /// "\ No newline at end of file", CRLF lines (kept byte for byte: a line's text is everything after its first
    /// character, terminator included), several hunks, and an empty diff (no change). A diff that changes several
    /// files, a binary diff, or anything else outside a hunk is refused.
    /// </summary>
    /// <param name="diff">The diff's text.</param>
    /// <exception cref="UnifiedDiffFormatException">The diff is not well formed; it names the line.</exception>
    public static UnifiedPatch Parse(string diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return UnifiedDiffParser.Parse(diff);
    }

    /// <summary>
    /// The unified diff that turns <paramref name="oldText"/> into <paramref name="newText"/>, as <c>diff -u</c> and
    /// <c>git diff</c> print it, made with the engine's line diff (<see cref="LineComparison.Of"/>, git's Myers) so
    /// that the hunks are the ones git would show; "\ No newline at end of file" where a text ends without a line end.
    /// <c>patch(1)</c> and <c>git apply</c> apply it exactly; an empty string when the texts are equal.
    /// </summary>
    /// <param name="oldText">The old text.</param>
    /// <param name="newText">The new text.</param>
    /// <param name="oldLabel">The name on the <c>---</c> line.</param>
    /// <param name="newLabel">The name on the <c>+++</c> line.</param>
    /// <param name="context">Lines of context around each change (3, as diff and git print by default).</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <exception cref="ArgumentException">A label has a line end in it.</exception>
    public static string Create(string oldText, string newText, string oldLabel = "a", string newLabel = "b", int context = 3, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        ArgumentNullException.ThrowIfNull(oldLabel);
        ArgumentNullException.ThrowIfNull(newLabel);
        ArgumentOutOfRangeException.ThrowIfNegative(context);
        if (oldLabel.AsSpan().IndexOfAny('\r', '\n') >= 0 || newLabel.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A diff's label cannot have a line end in it.", oldLabel.AsSpan().IndexOfAny('\r', '\n') >= 0 ? nameof(oldLabel) : nameof(newLabel));
        }

        if (string.Equals(oldText, newText, StringComparison.Ordinal))
        {
            return "";
        }

        var comparison = LineComparison.Of(oldText, newText, cancellationToken);
        var oldLines = comparison.OldLines;
        var newLines = comparison.NewLines;
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        var hunks = comparison.Hunks;
        var first = 0;
        while (first < hunks.Length)
        {
            // Hunks closer than twice the context share one hunk of the diff, as diff and git group them.
            var last = first;
            while (last + 1 < hunks.Length && hunks[last + 1].OldStart - (hunks[last].OldStart + hunks[last].OldCount) <= 2 * context)
            {
                last++;
            }

            var oldFrom = Math.Max(0, hunks[first].OldStart - context);
            var newFrom = hunks[first].NewStart - (hunks[first].OldStart - oldFrom);
            var oldTo = Math.Min(oldLines.Length, hunks[last].OldStart + hunks[last].OldCount + context);
            var newTo = hunks[last].NewStart + hunks[last].NewCount + (oldTo - (hunks[last].OldStart + hunks[last].OldCount));
            output.Append("@@ -").Append(Range(oldFrom, oldTo - oldFrom)).Append(" +").Append(Range(newFrom, newTo - newFrom)).Append(" @@\n");
            var oldAt = oldFrom;
            for (var k = first; k <= last; k++)
            {
                var hunk = hunks[k];
                for (; oldAt < hunk.OldStart; oldAt++)
                {
                    Line(output, ' ', oldLines[oldAt]);
                }

                for (var i = 0; i < hunk.OldCount; i++)
                {
                    Line(output, '-', oldLines[hunk.OldStart + i]);
                }

                for (var i = 0; i < hunk.NewCount; i++)
                {
                    Line(output, '+', newLines[hunk.NewStart + i]);
                }

                oldAt = hunk.OldStart + hunk.OldCount;
            }

            for (; oldAt < oldTo; oldAt++)
            {
                Line(output, ' ', oldLines[oldAt]);
            }

            first = last + 1;
        }

        return output.ToString();
    }

    // "-l,c" with 1-based l, the line before when c is 0, and ",1" left out, as GNU diff prints it.
    private static string Range(int start, int count) => count switch
    {
        0 => string.Create(CultureInfo.InvariantCulture, $"{start},0"),
        1 => (start + 1).ToString(CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}"),
    };

    private static void Line(StringBuilder output, char prefix, string line)
    {
        output.Append(prefix).Append(line);
        if (!line.EndsWith('\n'))
        {
            output.Append("\n\\ No newline at end of file\n");
        }
    }
}
