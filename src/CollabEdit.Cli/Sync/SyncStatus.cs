namespace CollabEdit.Cli.Sync;

/// <summary>
/// The exit status of <c>collabedit pull</c> and <c>push</c>. Bad arguments (129) and a file or the network that
/// failed (255) are the statuses <c>collabedit merge</c> uses too.
/// </summary>
internal static class SyncStatus
{
    /// <summary>Pulled, pushed, or nothing to do.</summary>
    public const int Done = 0;

    /// <summary>The merge with the server's version left conflicts: the file has git's markers, resolve and push again.</summary>
    public const int Conflict = 1;

    /// <summary>The server refused (sign-in, role, no such document, locked, archived, too large, too many requests…).</summary>
    public const int Refused = 2;

    /// <summary>
    /// Nothing was done to keep local work: the file was not pulled from that document (or not pulled at all), it
    /// still has conflict markers to resolve, or it changed while the command ran.
    /// </summary>
    public const int LocalWork = 3;

    /// <summary>Bad arguments.</summary>
    public const int Usage = 129;

    /// <summary>A file could not be read or written, or the server could not be reached.</summary>
    public const int Error = 255;
}
