using CollabEdit.Merging;

namespace CollabEdit.Cli.Sync;

/// <summary>
/// The three-way merge of the file (mine) with the server's version (theirs) against the version it was pulled at
/// (base), as <c>git pull</c> would leave it: git's markers where it conflicts, labelled with the file and the
/// versions. Markdown and text are merged in prose mode (git's conflicts merged again word by word where safe),
/// as the editor and the server merge; other files line by line, exactly as git.
/// </summary>
internal static class SyncMerge
{
    private static readonly string[] ProseExtensions = [".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ""];

    public static (string Text, int Conflicts) Merge(string file, SyncState state, string mine, RemoteDocument theirs)
    {
        var name = OneLine(Path.GetFileName(file));
        var labels = new ConflictLabels(
            $"{name} (your edit of v{state.Version})", $"v{state.Version}", OneLine($"v{theirs.Version} by {theirs.UpdatedBy}"));
        return ThreeWayMerge.MergeWithMarkers(state.Base, mine, theirs.Content, labels, diff3: false, prose: IsProse(file));
    }

    public static bool IsProse(string file) =>
        ProseExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a text still has a conflict of git's markers in it: a line opening one, and one closing it after.</summary>
    public static bool HasMarkers(string text)
    {
        var open = text.StartsWith("<<<<<<< ", StringComparison.Ordinal) ? 0 : text.IndexOf("\n<<<<<<< ", StringComparison.Ordinal);
        return open >= 0 && text.IndexOf("\n>>>>>>> ", open, StringComparison.Ordinal) > open;
    }

    private static string OneLine(string label) => label.ReplaceLineEndings(" ");
}
