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
        var starts = new List<int>(text.Length / 32 + 2) { 0 };
        var span = text.AsSpan();
        var offset = 0;
        while (true)
        {
            var newline = span[offset..].IndexOf('\n');
            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
            starts.Add(offset);
        }

        if (offset < text.Length)
        {
            starts.Add(text.Length);
        }

        return new TextLines(text, [.. starts]);
    }
}

/// <summary>
/// Numbers every distinct line content across the texts of one merge, so that lines compare as integers
/// and a line of base, mine and theirs has the same number wherever it appears.
/// </summary>
internal sealed class LineClassifier
{
    private readonly Dictionary<string, int> _classes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LineClassifier() => _lookup = _classes.GetAlternateLookup<ReadOnlySpan<char>>();

    public int ClassCount => _classes.Count;

    public int[] Classify(TextLines lines, CancellationToken cancellationToken)
    {
        var ids = new int[lines.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, lines[i], out var exists);
            if (!exists)
            {
                id = _classes.Count - 1;
            }

            ids[i] = id;
        }

        return ids;
    }
}
