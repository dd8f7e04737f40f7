namespace CollabEdit.Cli.Corpus;

/// <summary>One real merge: the three versions and what the humans committed (when known).</summary>
internal sealed record MergeCase(string Name, string Base, string Ours, string Theirs, string? Resolved)
{
    /// <summary>
    /// Every merge under the directories, one per folder holding <c>base</c>, <c>ours</c> and <c>theirs</c> (and
    /// <c>resolved</c>), in name order; the layout of <c>merge-cases/</c>.
    /// </summary>
    public static IEnumerable<MergeCase> Load(IEnumerable<string> directories)
    {
        foreach (var directory in directories)
        {
            var folders = Directory.EnumerateFiles(directory, "base", SearchOption.AllDirectories)
                .Select(Path.GetDirectoryName)
                .OfType<string>()
                .Where(f => File.Exists(Path.Combine(f, "ours")) && File.Exists(Path.Combine(f, "theirs")))
                .Order(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                var resolved = Path.Combine(folder, "resolved");
                yield return new MergeCase(
                    Path.GetRelativePath(directory, folder),
                    File.ReadAllText(Path.Combine(folder, "base")),
                    File.ReadAllText(Path.Combine(folder, "ours")),
                    File.ReadAllText(Path.Combine(folder, "theirs")),
                    File.Exists(resolved) ? File.ReadAllText(resolved) : null);
            }
        }
    }

    /// <summary>The same merge as a browser editor would store it: each paragraph on one line (<see cref="ParagraphJoiner"/>).</summary>
    public MergeCase Joined() => new(
        Name, ParagraphJoiner.Join(Base), ParagraphJoiner.Join(Ours), ParagraphJoiner.Join(Theirs), Resolved is null ? null : ParagraphJoiner.Join(Resolved));
}
