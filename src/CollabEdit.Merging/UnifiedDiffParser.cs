using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CollabEdit.Merging;

/// <summary>Reads a unified diff line by line (see <see cref="UnifiedDiff.Parse"/>); every refusal names the diff's line.</summary>
internal static partial class UnifiedDiffParser
{
    // Extended header lines git prints between "diff --git" and "---".
    private static readonly string[] GitHeaders =
    [
        "index ", "old mode ", "new mode ", "deleted file mode ", "new file mode ", "similarity index ",
        "dissimilarity index ", "rename from ", "rename to ", "copy from ", "copy to ",
    ];

    public static UnifiedPatch Parse(string diff)
    {
        var lines = Split(diff);
        CheckUnicode(lines);
        var hunks = ImmutableArray.CreateBuilder<PatchHunk>();
        bool sawDiff = false, sawOld = false, sawNew = false, fromEmpty = false, toEmpty = false, ended = false;
        var previousEnd = 0;
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            var number = i + 1;
            if (line.StartsWith("@@", StringComparison.Ordinal))
            {
                if (ended)
                {
                    throw new UnifiedDiffFormatException(number, "a hunk follows one that ends the file (\"\\ No newline at end of file\").");
                }

                var hunk = ReadHunk(lines, ref i, hunks.Count + 1, out ended);
                if (hunk.OldIndex < previousEnd)
                {
                    throw new UnifiedDiffFormatException(number, $"hunk {hunks.Count + 1} starts at line {hunk.OldStart}, before the end of the hunk above it (line {previousEnd}): hunks must be in order and not overlap.");
                }

                previousEnd = hunk.OldIndex + hunk.OldCount;
                hunks.Add(hunk);
                continue;
            }

            if (line.StartsWith("diff ", StringComparison.Ordinal))
            {
                if (sawDiff || sawOld || hunks.Count > 0)
                {
                    throw new UnifiedDiffFormatException(number, "the diff changes more than one file; send the diff of one document.");
                }

                sawDiff = true;
            }
            else if (GitHeaders.Any(h => line.StartsWith(h, StringComparison.Ordinal)))
            {
                if (!sawDiff || sawOld || hunks.Count > 0)
                {
                    throw new UnifiedDiffFormatException(number, $"\"{Shown(line)}\" belongs after a \"diff --git\" line and before \"---\".");
                }
            }
            else if (line.StartsWith("Binary files ", StringComparison.Ordinal) || line.StartsWith("GIT binary patch", StringComparison.Ordinal))
            {
                throw new UnifiedDiffFormatException(number, "a binary diff cannot change a text document.");
            }
            else if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                if (sawOld || hunks.Count > 0)
                {
                    throw new UnifiedDiffFormatException(number, "the diff changes more than one file; send the diff of one document.");
                }

                if (i + 1 >= lines.Count || !lines[i + 1].StartsWith("+++ ", StringComparison.Ordinal))
                {
                    throw new UnifiedDiffFormatException(number + 1, "a \"---\" header must be followed by a \"+++\" header.");
                }

                sawOld = true;
                fromEmpty = IsDevNull(line);
            }
            else if (line.StartsWith("+++ ", StringComparison.Ordinal))
            {
                if (!sawOld || sawNew)
                {
                    throw new UnifiedDiffFormatException(number, "a \"+++\" header must follow a \"---\" header.");
                }

                sawNew = true;
                toEmpty = IsDevNull(line);
            }
            else if (!string.IsNullOrWhiteSpace(line))
            {
                throw new UnifiedDiffFormatException(number, $"\"{Shown(line)}\" is not part of a unified diff: expected a \"---\"/\"+++\" header or a hunk (\"@@ -l,s +l,s @@\").");
            }

            i++;
        }

        return new UnifiedPatch(hunks.ToImmutable()) { FromEmpty = fromEmpty, ToEmpty = toEmpty };
    }

    private static PatchHunk ReadHunk(List<string> lines, ref int i, int index, out bool ended)
    {
        var number = i + 1;
        var match = HunkHeader().Match(lines[i]);
        if (!match.Success)
        {
            throw new UnifiedDiffFormatException(number, $"\"{Shown(lines[i])}\" is not a hunk header (\"@@ -l,s +l,s @@\").");
        }

        var oldStart = Number(match.Groups[1], number, 1);
        var oldCount = Number(match.Groups[2], number, 1);
        var newStart = Number(match.Groups[3], number, 1);
        var newCount = Number(match.Groups[4], number, 1);
        if ((oldCount > 0 && oldStart == 0) || (newCount > 0 && newStart == 0))
        {
            throw new UnifiedDiffFormatException(number, "a hunk with lines cannot start at line 0.");
        }

        var body = ImmutableArray.CreateBuilder<PatchLine>();
        int oldLeft = oldCount, newLeft = newCount;
        bool oldEnded = false, newEnded = false;
        i++;
        while (true)
        {
            var more = oldLeft > 0 || newLeft > 0;
            if (i >= lines.Count)
            {
                if (more)
                {
                    throw new UnifiedDiffFormatException(lines.Count, $"the diff ends inside hunk {index}: {oldLeft} old and {newLeft} new lines are missing.");
                }

                break;
            }

            var line = lines[i];
            if (line.StartsWith('\\'))
            {
                // "\ No newline at end of file" (its words depend on diff's language): the line above has no line end.
                var last = body.Count - 1;
                if (last < 0 || !body[last].Text.EndsWith('\n'))
                {
                    throw new UnifiedDiffFormatException(i + 1, "\"\\ No newline at end of file\" must follow a line of the hunk.");
                }

                body[last] = body[last] with { Text = body[last].Text[..^1] };
                oldEnded |= body[last].IsOld;
                newEnded |= body[last].IsNew;
                i++;
                continue;
            }

            if (!more)
            {
                break;
            }

            var kind = line[0] switch
            {
                ' ' or '\n' => PatchLineKind.Context,
                '-' => PatchLineKind.Removed,
                '+' => PatchLineKind.Added,
                _ => throw new UnifiedDiffFormatException(i + 1, $"hunk {index} still needs {oldLeft} old and {newLeft} new lines, but \"{Shown(line)}\" starts with none of ' ', '-' or '+'."),
            };
            var line1 = new PatchLine(kind, line[0] == '\n' ? "\n" : line[1..]);
            if ((line1.IsOld && oldLeft == 0) || (line1.IsNew && newLeft == 0))
            {
                throw new UnifiedDiffFormatException(i + 1, $"hunk {index} has more lines than its header (line {number}) says.");
            }

            if ((line1.IsOld && oldEnded) || (line1.IsNew && newEnded))
            {
                throw new UnifiedDiffFormatException(i + 1, "a line follows one marked \"\\ No newline at end of file\".");
            }

            oldLeft -= line1.IsOld ? 1 : 0;
            newLeft -= line1.IsNew ? 1 : 0;
            body.Add(line1);
            i++;
        }

        ended = oldEnded || newEnded;
        return new PatchHunk(oldStart, oldCount, newStart, newCount, body.ToImmutable());
    }

    private static int Number(Group group, int line, int absent)
    {
        if (!group.Success)
        {
            return absent;
        }

        if (!int.TryParse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new UnifiedDiffFormatException(line, $"the number {group.Value} in the hunk header is too large.");
        }

        return value;
    }

    // The diff cut after each '\n'; a last line without one is read as if it had it (a shell or an editor often drops it).
    private static List<string> Split(string diff)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < diff.Length)
        {
            var end = diff.IndexOf('\n', start);
            if (end < 0)
            {
                lines.Add(diff[start..] + "\n");
                break;
            }

            lines.Add(diff[start..(end + 1)]);
            start = end + 1;
        }

        return lines;
    }

    private static void CheckUnicode(List<string> lines)
    {
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            for (var c = 0; c < line.Length; c++)
            {
                if (char.IsHighSurrogate(line[c]) && c + 1 < line.Length && char.IsLowSurrogate(line[c + 1]))
                {
                    c++;
                }
                else if (char.IsSurrogate(line[c]))
                {
                    throw new UnifiedDiffFormatException(n + 1, "the line is not valid Unicode (a lone surrogate).");
                }
            }
        }
    }

    private static bool IsDevNull(string header)
    {
        var name = header[4..].TrimEnd('\n', '\r');
        var tab = name.IndexOf('\t', StringComparison.Ordinal);
        return (tab < 0 ? name : name[..tab]) == "/dev/null";
    }

    // A line as a refusal quotes it: without its line end, and cut when long.
    private static string Shown(string line)
    {
        var text = line.TrimEnd('\n', '\r');
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");
    }

    [GeneratedRegex(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(?:[ \t].*)?\r?\n$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex HunkHeader();
}
