namespace CollabEdit.Cli.Sync;

/// <summary>
/// <c>collabedit pull &lt;url&gt; &lt;file&gt;</c>: writes the document's current version into the file and
/// remembers it beside it (<see cref="SyncState"/>). A file changed since its last pull is merged with the new
/// version, as <c>git pull</c> does, never overwritten; a file that was not pulled from that document is left alone.
/// </summary>
internal static class PullCommand
{
    public const string Usage = "usage: collabedit pull <url> <file>";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, SyncContext context, CancellationToken cancellationToken = default)
    {
        if (args.Count != 2 || args.Any(a => a.StartsWith('-')))
        {
            await context.Error.WriteLineAsync(args.Count != 2 ? "error: a document's address and a file are needed" : $"error: unknown option: {args.First(a => a.StartsWith('-'))}");
            await context.Error.WriteLineAsync(Usage);
            return SyncStatus.Usage;
        }

        return await context.RunAsync(client => PullAsync(DocumentAddress.Parse(args[0]), args[1], client, context.Output, cancellationToken));
    }

    private static async Task<int> PullAsync(Uri url, string file, DocumentClient client, TextWriter output, CancellationToken cancellationToken)
    {
        var theirs = await client.GetAsync(url, cancellationToken);
        var state = SyncState.Load(file);
        if (!File.Exists(file))
        {
            TextFile.Write(file, theirs.Content);
            Follow(file, theirs);
            await output.WriteLineAsync($"Pulled v{theirs.Version} of '{theirs.Title}' into {file}.");
            return SyncStatus.Done;
        }

        var mine = TextFile.Read(file);
        if (state is null || state.Url != theirs.Url.ToString())
        {
            if (mine != theirs.Content)
            {
                throw new SyncException(SyncStatus.LocalWork, $"{file} exists and was not pulled from {url}: it was left as it is. Pull into another file, or move it away.");
            }

            Follow(file, theirs);
            await output.WriteLineAsync($"{file} already holds v{theirs.Version} of '{theirs.Title}': it follows it now.");
            return SyncStatus.Done;
        }

        if (state.Conflicted && SyncMerge.HasMarkers(mine))
        {
            throw new SyncException(SyncStatus.LocalWork, $"{file} still has conflict markers from the last merge: resolve them, then push.");
        }

        if (mine == state.Base)
        {
            if (theirs.Version == state.Version)
            {
                await output.WriteLineAsync($"Already up to date: {file} is v{theirs.Version}.");
                return SyncStatus.Done;
            }

            TextFile.Write(file, theirs.Content);
            Follow(file, theirs);
            await output.WriteLineAsync($"Updated {file} from v{state.Version} to v{theirs.Version}.");
            return SyncStatus.Done;
        }

        if (theirs.Version == state.Version)
        {
            await output.WriteLineAsync($"The server is still at v{theirs.Version}; {file} has changes of yours, not pushed yet.");
            return SyncStatus.Done;
        }

        var (merged, conflicts) = SyncMerge.Merge(file, state, mine, theirs);
        LocalFile.TakeMerge(file, mine, merged, conflicts, theirs);
        if (conflicts > 0)
        {
            await output.WriteLineAsync(LocalFile.ConflictWords(file, conflicts, theirs, "push"));
            return SyncStatus.Conflict;
        }

        await output.WriteLineAsync($"Merged v{theirs.Version} (saved by {theirs.UpdatedBy}) into {file}, which keeps your changes: push to send them.");
        return SyncStatus.Done;
    }

    private static void Follow(string file, RemoteDocument theirs) =>
        SyncState.Of(theirs.Url, theirs.Version, theirs.ETag, theirs.Content).Save(file);
}
