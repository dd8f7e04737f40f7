namespace CollabEdit.Cli.Sync;

/// <summary>Ends a pull or push with <paramref name="status"/> (a <see cref="SyncStatus"/>) and a message for standard error.</summary>
/// <param name="status">The exit status.</param>
/// <param name="message">What happened, for a person.</param>
/// <param name="problemType">The type of the server's problem details, when the server refused.</param>
internal sealed class SyncException(int status, string message, string? problemType = null) : Exception(message)
{
    public int Status { get; } = status;

    public string? ProblemType { get; } = problemType;
}
