using System.Text;
using System.Text.RegularExpressions;

namespace CollabEdit.Cli.Corpus;

/// <summary>
/// Joins the lines of each Markdown paragraph (and of each list item) into one line, as a browser editor stores
/// prose: the harder case for a line-based merge, where any two edits of a paragraph touch the same line. Code
/// blocks, tables, HTML, headings, link definitions and hard line breaks are left as they are.
/// </summary>
internal static partial class ParagraphJoiner
{
    public static string Join(string text)
    {
        var lines = text.Split('\n');
        var output = new StringBuilder(text.Length);
        string? fence = null;
        var previousJoinable = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var joinable = false;
            if (fence is not null)
            {
                if (line.TrimStart().StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }
            }
            else if (Fence().Match(line) is { Success: true } open)
            {
                fence = open.Value.Trim();
            }
            else if (!string.IsNullOrWhiteSpace(line) && !Structural().IsMatch(line.TrimStart()) && (previousJoinable || !IndentedCode().IsMatch(line)))
            {
                joinable = true;
                if (previousJoinable && !Starts().IsMatch(line))
                {
                    // A continuation line: onto the end of the line before, one space between.
                    output.Length -= 1;
                    output.Append(' ').Append(line.Trim()).Append('\n');
                    previousJoinable = !EndsWithHardBreak(line);
                    continue;
                }
            }

            output.Append(line);
            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }

            previousJoinable = joinable && !EndsWithHardBreak(line);
        }

        return output.ToString();
    }

    private static bool EndsWithHardBreak(string line) => line.EndsWith("  ", StringComparison.Ordinal) || line.EndsWith('\\');

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex Fence();

    /// <summary>Lines (without their indentation) never joined with anything: headings, tables, HTML, link definitions, rules.</summary>
    [GeneratedRegex(@"^(#|\||<|\[[^\]]+\]:|([-*_] *){3,}\r?$)")]
    private static partial Regex Structural();

    /// <summary>Indented code, which cannot interrupt a paragraph (so an indented line right after one continues it).</summary>
    [GeneratedRegex(@"^(    |\t)")]
    private static partial Regex IndentedCode();

    /// <summary>Lines that start a new block even right after a paragraph line: list items and quotes.</summary>
    [GeneratedRegex(@"^\s*([-*+]|\d{1,9}[.)])\s|^\s*>")]
    private static partial Regex Starts();
}
