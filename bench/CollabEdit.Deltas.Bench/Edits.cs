using System.Text;

namespace CollabEdit.Deltas.Bench;

/// <summary>The edits people make, reproducibly (seeded): a changed line, a rewritten sentence, ten characters typed.</summary>
internal static class Edits
{
    private static readonly string[] Words =
        ["the", "version", "document", "change", "small", "editor", "reads", "history", "delta", "saved", "people", "write",
         "section", "example", "never", "always", "because", "server", "merge", "quickly", "text", "line", "paragraph", "word"];

    /// <summary>One random line edit: a line changed (most often), a line inserted, or a line deleted.</summary>
    public static string Line(string text, Random random)
    {
        var (start, end) = RandomLine(text, random, minLength: 1);
        var line = text[start..end];
        var kind = random.Next(10);
        if (kind < 6)
        {
            // A few words inserted or replaced somewhere in the line.
            var at = random.Next(0, Math.Max(1, line.TrimEnd('\n', '\r').Length));
            return string.Concat(text.AsSpan(0, start + at), Phrase(random, 1 + random.Next(4)) + " ", text.AsSpan(start + at));
        }

        if (kind < 8)
        {
            return string.Concat(text.AsSpan(0, end), Phrase(random, 6 + random.Next(10)) + "\n", text.AsSpan(end));
        }

        return string.Concat(text.AsSpan(0, start), text.AsSpan(end));
    }

    /// <summary>One edit of a paragraph (a long line, as prose is written): a sentence reworded, dropped, or added.</summary>
    public static string Prose(string text, Random random)
    {
        var (start, end) = RandomLine(text, random, minLength: 200);
        var paragraph = text[start..end];
        var sentences = paragraph.Split(". ");
        var which = random.Next(sentences.Length);
        var kind = random.Next(10);
        if (kind < 6)
        {
            var words = sentences[which].Split(' ').ToList();
            words.Insert(random.Next(words.Count + 1), Phrase(random, 1 + random.Next(3)));
            if (words.Count > 3)
            {
                var i = random.Next(words.Count - 1);
                (words[i], words[i + 1]) = (words[i + 1], words[i]);
            }

            sentences[which] = string.Join(' ', words);
        }
        else if (kind < 8 && sentences.Length > 1)
        {
            sentences = sentences.Where((_, i) => i != which).ToArray();
        }
        else
        {
            var phrase = Phrase(random, 8 + random.Next(12));
            var added = char.ToUpperInvariant(phrase[0]) + phrase[1..];
            sentences = [.. sentences.Take(which), added, .. sentences.Skip(which)];
        }

        var edited = string.Join(". ", sentences);
        if (!edited.EndsWith('\n') && paragraph.EndsWith('\n'))
        {
            edited += "\n";
        }

        return string.Concat(text.AsSpan(0, start), edited, text.AsSpan(end));
    }

    /// <summary>Ten characters typed inside the line nearest <paramref name="near"/> (a fraction of the text).</summary>
    public static string TenCharacters(string text, double near, int serial)
    {
        var at = text.LastIndexOf('\n', Math.Max(0, (int)(text.Length * near) - 1)) + 1;
        return string.Concat(text.AsSpan(0, at), $"edit {serial % 10000:D4} ", text.AsSpan(at));
    }

    private static string Phrase(Random random, int words)
    {
        var phrase = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            phrase.Append(i == 0 ? "" : " ").Append(Words[random.Next(Words.Length)]);
        }

        return phrase.ToString();
    }

    /// <summary>A random line of at least <paramref name="minLength"/> characters, not the last one: its start and end (after its newline).</summary>
    private static (int Start, int End) RandomLine(string text, Random random, int minLength)
    {
        for (var attempt = 0; ; attempt++)
        {
            var at = random.Next(text.Length);
            var start = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
            if (at == 0)
            {
                start = 0;
            }

            var newline = text.IndexOf('\n', start);
            if (newline < 0)
            {
                continue;
            }

            if (newline + 1 - start >= minLength || attempt > 1000)
            {
                return (start, newline + 1);
            }
        }
    }
}
