namespace CollabEdit.Merging;

/// <summary>
/// A text cut into lines. A line ends after '\n' (so "\r\n" lines keep their '\r', as in git); the last line
/// may have no terminator. Line <c>i</c> is <c>Text[Starts[i]..Starts[i + 1]]</c>.
/// </summary>
internal sealed class TextLines
{
    private TextLines(string text, int[] starts)
    {
        Text = text;
        Starts = starts;
    }

    public string Text { get; }

    public int[] Starts { get; }

    public int Count => Starts.Length - 1;

    public ReadOnlySpan<char> this[int line] => Text.AsSpan(Starts[line], Starts[line + 1] - Starts[line]);

    /// <summary>The text of lines [start, end), exactly as they are.</summary>
    public ReadOnlySpan<char> Range(int start, int end) => Text.AsSpan(Starts[start], Starts[end] - Starts[start]);

    public bool EndsWithNewline(int line) => this[line] is [.., '\n'];

    public static TextLines Split(string text)
    {
        // Counted first, so the array is allocated once at its size (this runs on inputs of millions of lines).
        var span = text.AsSpan();
        var newlines = span.Count('\n');
        var unterminated = text.Length > 0 && text[^1] != '\n';
        var starts = new int[newlines + (unterminated ? 1 : 0) + 1];
        var offset = 0;
        for (var line = 1; line <= newlines; line++)
        {
            offset += span[offset..].IndexOf('\n') + 1;
            starts[line] = offset;
        }

        if (unterminated)
        {
            starts[^1] = text.Length;
        }

        return new TextLines(text, starts);
    }
}
