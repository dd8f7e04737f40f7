using System.Text.RegularExpressions;

namespace CollabEdit.Merging;

/// <summary>
/// Which lines of a Markdown text must never be merged word by word: fenced and indented code blocks (a word
/// there is code), front matter (data), tables (a cell is a unit, and rows are lines), and HTML blocks (tags and
/// attributes). Lines are numbered as in <see cref="TextLines"/>. The rules follow CommonMark loosely and lean
/// towards protecting: a line protected by mistake only keeps git's line conflict.
/// </summary>
internal static partial class MarkdownBlocks
{
    /// <summary>One flag per line: true where word-level merging is not allowed.</summary>
    public static bool[] Protected(TextLines lines)
    {
        var flags = new bool[lines.Count];
        MarkFrontMatter(lines, flags);
        MarkCode(lines, flags);
        MarkTablesAndHtml(lines, flags);
        return flags;
    }

    private static void MarkFrontMatter(TextLines lines, bool[] flags)
    {
        if (lines.Count == 0 || lines[0].TrimEnd() is not ("---" or "+++"))
        {
            return;
        }

        var fence = lines[0].TrimEnd().ToString();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].TrimEnd().SequenceEqual(fence))
            {
                Array.Fill(flags, true, 0, i + 1);
                return;
            }
        }
    }

    private static void MarkCode(TextLines lines, bool[] flags)
    {
        string? fence = null;
        var previousBlank = true;
        var inIndentedCode = false;
        var listContext = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd("\r\n").ToString();
            var blank = string.IsNullOrWhiteSpace(line);
            if (fence is not null)
            {
                flags[i] = true;
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal) && line.Trim().Trim(fence[0]).Length == 0)
                {
                    fence = null;
                }

                continue;
            }

            if (Fence().Match(line) is { Success: true } open)
            {
                flags[i] = true;
                fence = open.Groups["fence"].Value;
                continue;
            }

            var indent = Indentation(line);
            if (!blank)
            {
                // Indented code starts after a blank line, outside a list, and goes on while lines stay indented.
                inIndentedCode = indent >= 4 && (inIndentedCode || (previousBlank && !listContext));
                if (inIndentedCode)
                {
                    flags[i] = true;
                }
                else
                {
                    listContext = ListItem().IsMatch(line) || (listContext && (indent >= 2 || !previousBlank));
                }
            }

            previousBlank = blank;
        }
    }

    private static void MarkTablesAndHtml(TextLines lines, bool[] flags)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd("\r\n").ToString();
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith('|') || trimmed.StartsWith('<') || TableDelimiter().IsMatch(line))
            {
                flags[i] = true;
            }
        }

        // A table without outer pipes: the block around a delimiter row.
        for (var i = 0; i < lines.Count; i++)
        {
            if (!TableDelimiter().IsMatch(lines[i].TrimEnd("\r\n").ToString()))
            {
                continue;
            }

            for (var j = i; j >= 0 && !lines[j].IsWhiteSpace(); j--)
            {
                flags[j] = true;
            }

            for (var j = i; j < lines.Count && !lines[j].IsWhiteSpace(); j++)
            {
                flags[j] = true;
            }
        }
    }

    private static int Indentation(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c == ' ')
            {
                width++;
            }
            else if (c == '\t')
            {
                width += 4 - (width % 4);
            }
            else
            {
                break;
            }
        }

        return width;
    }

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*([-*+]|\d{1,9}[.)])\s")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")]
    private static partial Regex TableDelimiter();
}
