namespace CollabEdit.Cli.Sync;

/// <summary>Takes a merge with the server's version into the file and its state, never over work it did not see.</summary>
internal static class LocalFile
{
    /// <summary>
    /// Writes the merge of <paramref name="mine"/> (the file as it was read) with <paramref name="theirs"/>, then the
    /// state that bases the file on that version. The file first: a crash between the two leaves the old base, and
    /// the next push merges again (its changes are the server's own, so it merges cleanly); the other order would
    /// leave a file that lacks the server's changes on a base that has them, and push would undo them.
    /// </summary>
    public static SyncState TakeMerge(string file, string mine, string merged, int conflicts, RemoteDocument theirs)
    {
        if (TextFile.Read(file) != mine)
        {
            throw new SyncException(SyncStatus.LocalWork, $"{file} changed while it was being merged: it was left as it is; run the command again");
        }

        if (merged != mine)
        {
            TextFile.Write(file, merged);
        }

        var state = SyncState.Of(theirs.Url, theirs.Version, theirs.ETag, theirs.Content, conflicted: conflicts > 0);
        state.Save(file);
        return state;
    }

    /// <summary>The words for a merge that left conflicts, as git says them.</summary>
    public static string ConflictWords(string file, int conflicts, RemoteDocument theirs, string next) =>
        $"CONFLICT: v{theirs.Version} (saved by {theirs.UpdatedBy}) and your changes to {file} overlap in {conflicts} place(s), "
        + $"marked with <<<<<<< and >>>>>>> in {file}. Edit the file to resolve them, then {next}.";
}
