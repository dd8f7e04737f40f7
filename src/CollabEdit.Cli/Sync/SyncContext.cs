namespace CollabEdit.Cli.Sync;

/// <summary>
/// What pull and push run with: how to reach the server (a test hands in the app's own handler), who is asking,
/// and where to say what happened.
/// </summary>
/// <param name="Handler">Sends the requests; null for the network.</param>
/// <param name="Token">The bearer token (<c>COLLABEDIT_TOKEN</c>); none for a server in open mode.</param>
/// <param name="Author">The name saves are signed with on a server in open mode (<c>COLLABEDIT_AUTHOR</c>).</param>
/// <param name="Output">What happened.</param>
/// <param name="Error">What went wrong.</param>
internal sealed record SyncContext(HttpMessageHandler? Handler, string? Token, string? Author, TextWriter Output, TextWriter Error)
{
    public const string TokenVariable = "COLLABEDIT_TOKEN";
    public const string AuthorVariable = "COLLABEDIT_AUTHOR";

    public static SyncContext FromEnvironment(TextWriter output, TextWriter error) =>
        new(null, Environment.GetEnvironmentVariable(TokenVariable), Environment.GetEnvironmentVariable(AuthorVariable), output, error);

    /// <summary>Runs a pull or push: a <see cref="SyncException"/> is said on standard error and becomes its status.</summary>
    public async Task<int> RunAsync(Func<DocumentClient, Task<int>> command)
    {
        using var http = Handler is null ? new HttpClient() : new HttpClient(Handler, disposeHandler: false);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("collabedit-cli");
        try
        {
            return await command(new DocumentClient(http, Token, Author));
        }
        catch (SyncException exception)
        {
            await Error.WriteLineAsync($"error: {exception.Message}");
            return exception.Status;
        }
        catch (TaskCanceledException)
        {
            await Error.WriteLineAsync($"error: the server did not answer within {http.Timeout.TotalSeconds:0} s");
            return SyncStatus.Error;
        }
    }
}
