namespace CollabEdit.Merging.Bench;

/// <summary>Deterministic inputs: a base of N lines, and two edits with about 1% of lines changed, inserted or deleted each.</summary>
public static class MergeInputs
{
    public static (string Base, string Mine, string Theirs) Scattered(int lines, int seed = 42)
    {
        var random = new Random(seed);
        var @base = new List<string>(lines);
        for (var i = 0; i < lines; i++)
        {
            @base.Add($"line {i}: {random.Next()} the quick brown fox jumps over\n");
        }

        return (string.Concat(@base), string.Concat(Edit(@base, new Random(seed + 1))), string.Concat(Edit(@base, new Random(seed + 2))));
    }

    /// <summary>Two texts of N lines with no line in common (the worst case of a line diff), and theirs equal to base.</summary>
    public static (string Base, string Mine, string Theirs) AllDifferent(int lines)
    {
        var @base = string.Concat(Enumerable.Range(0, lines).Select(i => $"base {i}\n"));
        return (@base, string.Concat(Enumerable.Range(0, lines).Select(i => $"ours {i}\n")), @base);
    }

    private static List<string> Edit(List<string> @base, Random random)
    {
        var lines = new List<string>(@base);
        for (var n = Math.Max(1, @base.Count / 100); n > 0; n--)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(3))
            {
                case 0:
                    lines[at] = $"edited {random.Next()}\n";
                    break;
                case 1:
                    lines.Insert(at, $"inserted {random.Next()}\n");
                    break;
                default:
                    lines.RemoveAt(at);
                    break;
            }
        }

        return lines;
    }

    /// <summary>Writes base, ours and theirs files for the CLI-versus-git script.</summary>
    public static void Write(string folder, string name, (string Base, string Mine, string Theirs) texts)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}-base"), texts.Base);
        File.WriteAllText(Path.Combine(folder, $"{name}-ours"), texts.Mine);
        File.WriteAllText(Path.Combine(folder, $"{name}-theirs"), texts.Theirs);
    }
}
