using System.Runtime.InteropServices;

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

/// <summary>
/// Numbers every distinct line content across the texts of one merge, so that lines compare as integers
/// and a line of base, mine and theirs has the same number wherever it appears. Keys point into the texts
/// themselves: no line is copied.
/// </summary>
internal sealed class LineClassifier
{
    private readonly List<TextLines> _texts = [];
    private readonly Dictionary<LineKey, int> _classes;

    public LineClassifier() => _classes = new Dictionary<LineKey, int>(new LineKeyComparer(_texts));

    public int[] Classify(TextLines lines, CancellationToken cancellationToken)
    {
        var text = _texts.Count;
        _texts.Add(lines);
        _classes.EnsureCapacity(_classes.Count + (lines.Count / 2));
        var ids = new int[lines.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_classes, new LineKey(text, i, string.GetHashCode(lines[i])), out var exists);
            if (!exists)
            {
                id = _classes.Count - 1;
            }

            ids[i] = id;
        }

        return ids;
    }

    /// <summary>Line <c>Line</c> of text <c>Text</c>, with its hash computed once.</summary>
    private readonly record struct LineKey(int Text, int Line, int Hash);

    private sealed class LineKeyComparer(List<TextLines> texts) : IEqualityComparer<LineKey>
    {
        public bool Equals(LineKey x, LineKey y) =>
            x.Hash == y.Hash && texts[x.Text][x.Line].SequenceEqual(texts[y.Text][y.Line]);

        public int GetHashCode(LineKey key) => key.Hash;
    }
}
