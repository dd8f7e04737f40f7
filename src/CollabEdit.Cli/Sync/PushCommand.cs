namespace CollabEdit.Cli.Sync;

/// <summary>
/// <c>collabedit push &lt;file&gt; [&lt;url&gt;]</c>: sends the file's changes since the version it was pulled at,
/// as a unified diff (PATCH, If-Match that version). When another version landed first, merges it into the file
/// (three-way, against the pulled version) and pushes again; when the merge conflicts, leaves git's markers in the
/// file, bases the file on the new version, and stops: resolve, push again. The server is never overwritten.
/// </summary>
internal static class PushCommand
{
    public const string Usage = "usage: collabedit push <file> [<url>]";

    /// <summary>Others may keep saving between our merge and our push; after this many rounds, give up and say so.</summary>
    private const int MaxRounds = 5;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, SyncContext context, CancellationToken cancellationToken = default)
    {
        if (args.Count is < 1 or > 2 || args.Any(a => a.StartsWith('-')))
        {
            await context.Error.WriteLineAsync(args.Count is < 1 or > 2 ? "error: a file is needed (and, optionally, the document's address)" : $"error: unknown option: {args.First(a => a.StartsWith('-'))}");
            await context.Error.WriteLineAsync(Usage);
            return SyncStatus.Usage;
        }

        return await context.RunAsync(client => PushAsync(args[0], args.Count == 2 ? DocumentAddress.Parse(args[1]) : null, client, context.Output, cancellationToken));
    }

    private static async Task<int> PushAsync(string file, Uri? given, DocumentClient client, TextWriter output, CancellationToken cancellationToken)
    {
        var state = SyncState.Load(file)
            ?? throw new SyncException(SyncStatus.LocalWork, $"{file} was not pulled, so there is no version to push it onto: collabedit pull <url> {file} first.");
        var url = new Uri(state.Url);
        if (given is not null && given != url && (await client.GetAsync(given, cancellationToken)).Url != url)
        {
            throw new SyncException(SyncStatus.Usage, $"{file} was pulled from {url}, not from {given}.");
        }

        var mine = TextFile.Read(file);
        if (state.Conflicted && SyncMerge.HasMarkers(mine))
        {
            throw new SyncException(SyncStatus.LocalWork, $"{file} still has conflict markers: resolve them, then push again.");
        }

        var name = Path.GetFileName(file).ReplaceLineEndings(" ");
        var merged = false;
        for (var round = 0; round < MaxRounds; round++)
        {
            if (mine == state.Base)
            {
                if (state.Conflicted)
                {
                    (state with { Conflicted = false }).Save(file);
                }

                await output.WriteLineAsync(merged
                    ? $"Nothing left to push: your changes were already in v{state.Version}, now in {file}."
                    : $"Nothing to push: {file} is v{state.Version} as pulled.");
                return SyncStatus.Done;
            }

            switch (await client.PushAsync(url, state.ETag, state.Base, mine, name, cancellationToken))
            {
                case PushAnswer.Saved saved:
                    SyncState.Of(url, saved.Version, saved.ETag, mine).Save(file);
                    await output.WriteLineAsync($"Pushed {file} as v{saved.Version} (on top of v{state.Version}).");
                    return SyncStatus.Done;
                default:
                    var theirs = await client.GetAsync(url, cancellationToken);
                    var (text, conflicts) = SyncMerge.Merge(file, state, mine, theirs);
                    state = LocalFile.TakeMerge(file, mine, text, conflicts, theirs);
                    if (conflicts > 0)
                    {
                        await output.WriteLineAsync(LocalFile.ConflictWords(file, conflicts, theirs, "push again"));
                        await output.WriteLineAsync("Nothing was sent: the server still has v" + theirs.Version + ".");
                        return SyncStatus.Conflict;
                    }

                    await output.WriteLineAsync($"v{theirs.Version} was saved meanwhile (by {theirs.UpdatedBy}): merged it into {file}.");
                    mine = text;
                    merged = true;
                    break;
            }
        }

        throw new SyncException(SyncStatus.Refused, $"the document kept changing while {file} was merged and pushed ({MaxRounds} rounds); {file} holds the last merge: push again.");
    }
}
