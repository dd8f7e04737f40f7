using System.Runtime.InteropServices;

namespace CollabEdit.Merging;

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
