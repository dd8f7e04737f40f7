using System.Collections.Immutable;

namespace CollabEdit.Merging;

/// <summary>
/// A unified diff of one file, as <see cref="UnifiedDiff.Parse"/> reads it: its hunks, in order. Applied exactly:
/// every context and removed line must match the text where the hunk's header says, byte for byte (line ends
/// included), with no fuzz and no search for another place, because a patch that applies somewhere else than where
/// it was made is a silent overwrite of someone's work.
/// </summary>
/// <param name="Hunks">The hunks, in order, not overlapping.</param>
public sealed record UnifiedPatch(ImmutableArray<PatchHunk> Hunks)
{
    /// <summary>True when the diff names <c>/dev/null</c> as its old file (a creation): it applies to an empty text only.</summary>
    public bool FromEmpty { get; init; }

    /// <summary>True when the diff names <c>/dev/null</c> as its new file (a deletion): it must leave the text empty.</summary>
    public bool ToEmpty { get; init; }

    /// <summary>Applies the patch to <paramref name="text"/>, exactly.</summary>
    /// <param name="text">The text the diff was made from.</param>
    /// <returns>The new text and the changes that made it, or the first hunk and line that did not match.</returns>
    public PatchResult Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = TextLines.Split(text);
        var changes = new List<TextChange>();
        var previousEnd = 0;
        if (FromEmpty && text.Length > 0)
        {
            return Failed(0, 0, lines, "");
        }

        for (var h = 0; h < Hunks.Length; h++)
        {
            var hunk = Hunks[h];
            var line = hunk.OldIndex;
            if (line < previousEnd || line > lines.Count)
            {
                // Parse keeps hunks in order; a hunk past the end of this text is a mismatch, not a malformed diff.
                return Failed(h, Math.Max(line, previousEnd), lines, hunk.Lines.FirstOrDefault(l => l.IsOld).Text ?? "");
            }

            // Added lines after a last line without a line end would join it: the text is not the one the diff was made from.
            if (line == lines.Count && line > 0 && !lines.EndsWithNewline(line - 1) && hunk.Lines.Any(l => l.Kind == PatchLineKind.Added) && hunk.OldCount == 0)
            {
                return PatchResult.Failed(new PatchFailure(h + 1, line, lines[line - 1].ToString() + "\n", lines[line - 1].ToString()));
            }

            // Each run of removed and added lines between context lines is one replacement, so the changes are what
            // the hunk changes, not the whole hunk.
            var runStart = -1;
            var inserted = new System.Text.StringBuilder();
            foreach (var patchLine in hunk.Lines)
            {
                if (patchLine.Kind == PatchLineKind.Context)
                {
                    Flush();
                }
                else if (runStart < 0)
                {
                    runStart = line;
                }

                if (patchLine.Kind == PatchLineKind.Added)
                {
                    inserted.Append(patchLine.Text);
                    continue;
                }

                if (line >= lines.Count || !lines[line].SequenceEqual(patchLine.Text))
                {
                    return Failed(h, line, lines, patchLine.Text);
                }

                line++;
            }

            Flush();
            var last = hunk.Lines.LastOrDefault(l => l.IsNew);
            if (last.Text is { } lastText && !lastText.EndsWith('\n') && line < lines.Count)
            {
                // The hunk ends its new side without a line end, so it must end the text too.
                return PatchResult.Failed(new PatchFailure(h + 1, line + 1, "", lines[line].ToString()));
            }

            previousEnd = line;

            void Flush()
            {
                if (runStart < 0)
                {
                    return;
                }

                changes.Add(new TextChange(lines.Starts[runStart], lines.Starts[line], inserted.ToString()));
                runStart = -1;
                inserted.Clear();
            }
        }

        if (ToEmpty && previousEnd < lines.Count)
        {
            return Failed(Math.Max(0, Hunks.Length - 1), previousEnd, lines, "");
        }

        var changeSet = ChangeSet.Of(text.Length, changes);
        return PatchResult.Success(changeSet.Apply(text), changeSet);
    }

    private static PatchResult Failed(int hunk, int line, TextLines lines, string expected) =>
        PatchResult.Failed(new PatchFailure(hunk + 1, line + 1, expected, line < lines.Count ? lines[line].ToString() : null));
}
