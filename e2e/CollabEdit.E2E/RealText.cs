using System.Text;

namespace CollabEdit.E2E;

/// <summary>
/// Documents of a given size made of real prose: the Markdown chapters of the Rust reference in
/// shared/merge-cases (headings, lists, code blocks, non-ASCII), repeated until the size is reached.
/// </summary>
public static class RealText
{
    private static readonly Lazy<string> Corpus = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot.Path, "..", "shared", "merge-cases", "rust-reference");
        var text = new StringBuilder();
        foreach (var file in Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "base")).Where(File.Exists))
        {
            text.Append(File.ReadAllText(file));
        }

        return text.Length > 0 ? text.ToString() : throw new InvalidOperationException($"No merge cases under {folder}.");
    });

    /// <summary>At most <paramref name="utf8Bytes"/> bytes of UTF-8, cut at the end of a line.</summary>
    public static string OfSize(int utf8Bytes)
    {
        var text = new StringBuilder();
        var bytes = 0;
        foreach (var line in Lines())
        {
            var size = Encoding.UTF8.GetByteCount(line);
            if (bytes + size > utf8Bytes)
            {
                break;
            }

            text.Append(line);
            bytes += size;
        }

        return text.ToString();
    }

    /// <summary>The start of the line nearest the middle of <paramref name="text"/>.</summary>
    public static int MiddleLineStart(string text) => text.LastIndexOf('\n', Math.Max(0, (text.Length / 2) - 1)) + 1;

    private static IEnumerable<string> Lines()
    {
        while (true)
        {
            var corpus = Corpus.Value;
            var start = 0;
            while (start < corpus.Length)
            {
                var end = corpus.IndexOf('\n', start);
                end = end < 0 ? corpus.Length : end + 1;
                yield return corpus[start..end];
                start = end;
            }
        }
    }
}
