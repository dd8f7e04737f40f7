using System.Text.RegularExpressions;

namespace CollabEdit.Merging;

/// <summary>
/// Merges a region made only of Markdown link reference definitions (<c>[label]: url</c>) by label: their order
/// does not change what the document says, so definitions added by both sides at the same place are all kept
/// (mine's where mine put them, theirs' after the definition they follow in theirs). A label that both sides
/// defined or changed differently conflicts, as does a label defined twice in one side.
/// </summary>
internal static partial class LinkDefinitionMerge
{
    /// <summary>Regions with more definitions than this are left to the word merge (placing each new one costs a scan).</summary>
    private const int MaxDefinitions = 2_000;

    /// <summary>The merged definitions, or null when the region is not only definitions or a label conflicts.</summary>
    public static string? TryMerge(string baseText, string mine, string theirs)
    {
        if (Parse(baseText) is not { } @base || Parse(mine) is not { } mineLines || Parse(theirs) is not { } theirsLines
            || (mineLines.Count == 0 && theirsLines.Count == 0) || Math.Max(mineLines.Count, theirsLines.Count) > MaxDefinitions)
        {
            return null;
        }

        var baseByLabel = @base.ToDictionary(l => l.Label, l => l.Line);
        var mineByLabel = mineLines.ToDictionary(l => l.Label, l => l.Line);
        var theirsByLabel = theirsLines.ToDictionary(l => l.Label, l => l.Line);
        var merged = new Dictionary<string, string?>();
        foreach (var label in baseByLabel.Keys.Concat(mineByLabel.Keys).Concat(theirsByLabel.Keys).Distinct())
        {
            var b = baseByLabel.GetValueOrDefault(label);
            var m = mineByLabel.GetValueOrDefault(label);
            var t = theirsByLabel.GetValueOrDefault(label);
            if (m == t || m == b)
            {
                merged[label] = t;
            }
            else if (t == b)
            {
                merged[label] = m;
            }
            else
            {
                return null;
            }
        }

        // Mine's order, then each of theirs' new definitions after the one it follows in theirs (at the end when
        // none: definitions added by both sides at one place keep mine's first).
        var result = mineLines.Where(l => merged[l.Label] is not null).Select(l => l.Label).ToList();
        string? previous = null;
        foreach (var (label, _) in theirsLines)
        {
            if (!result.Contains(label) && merged[label] is not null)
            {
                result.Insert(previous is null ? result.Count : result.IndexOf(previous) + 1, label);
            }

            if (result.Contains(label))
            {
                previous = label;
            }
        }

        return string.Concat(result.Select(label => merged[label]));
    }

    /// <summary>The definitions of a region, each line with its terminator; null if any line is something else or a label repeats.</summary>
    private static List<(string Label, string Line)>? Parse(string text)
    {
        var lines = new List<(string, string)>();
        var labels = new HashSet<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                // A last line without a newline would fuse with whatever is put after it.
                return null;
            }

            var line = text[start..(end + 1)];
            var match = Definition().Match(line);
            if (!match.Success || !labels.Add(match.Groups["label"].Value.ToUpperInvariant()))
            {
                return null;
            }

            lines.Add((match.Groups["label"].Value.ToUpperInvariant(), line));
            start = end + 1;
        }

        return lines;
    }

    [GeneratedRegex(@"^ {0,3}\[(?<label>[^\]\n]+)\]:[ \t]*\S.*\r?\n$")]
    private static partial Regex Definition();
}
