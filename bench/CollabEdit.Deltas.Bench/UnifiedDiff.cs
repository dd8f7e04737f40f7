using System.Text;

namespace CollabEdit.Deltas.Bench;

/// <summary>
/// The unified diff (as <c>diff -u</c> prints it) of two texts that differ in one region, which is what every edit
/// of this bench makes: one hunk, three lines of context, line endings kept byte for byte, and git's
/// "\ No newline at end of file" where a side ends without one.
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Of(string before, string after, string name = "document")
    {
        var old = Lines(before);
        var now = Lines(after);
        var prefix = 0;
        while (prefix < old.Count && prefix < now.Count && old[prefix] == now[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < old.Count - prefix && suffix < now.Count - prefix && old[^(suffix + 1)] == now[^(suffix + 1)])
        {
            suffix++;
        }

        var start = Math.Max(0, prefix - Context);
        var oldEnd = Math.Min(old.Count, old.Count - suffix + Context);
        var newEnd = Math.Min(now.Count, now.Count - suffix + Context);
        var diff = new StringBuilder();
        diff.Append("--- a/").Append(name).Append('\n').Append("+++ b/").Append(name).Append('\n');
        diff.Append("@@ -").Append(Range(start, oldEnd - start)).Append(" +").Append(Range(start, newEnd - start)).Append(" @@\n");
        for (var i = start; i < prefix; i++)
        {
            Line(diff, ' ', old[i]);
        }

        for (var i = prefix; i < old.Count - suffix; i++)
        {
            Line(diff, '-', old[i]);
        }

        for (var i = prefix; i < now.Count - suffix; i++)
        {
            Line(diff, '+', now[i]);
        }

        for (var i = old.Count - suffix; i < oldEnd; i++)
        {
            Line(diff, ' ', old[i]);
        }

        return diff.ToString();
    }

    /// <summary>"12,7" (1-based first line, count); an empty range names the line before it, as diff does.</summary>
    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static void Line(StringBuilder diff, char prefix, string line)
    {
        diff.Append(prefix).Append(line);
        if (!line.EndsWith('\n'))
        {
            diff.Append("\n\\ No newline at end of file\n");
        }
    }

    /// <summary>The lines with their endings ("\n", "\r\n"); a last line without one is kept as it is.</summary>
    private static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }
}
