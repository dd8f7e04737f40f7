namespace CollabEdit.Cli.Sync;

/// <summary>What the server answered to a push: saved as a new version, or stale (another version landed first).</summary>
internal abstract record PushAnswer
{
    private PushAnswer()
    {
    }

    /// <summary>Saved as <paramref name="Version"/>; <paramref name="Method"/> is how it went (PATCH, or PUT on a server without PATCH).</summary>
    public sealed record Saved(int Version, string ETag, string Method) : PushAnswer;

    /// <summary>The version the push was based on is no longer current (412), or the diff no longer applies (409).</summary>
    public sealed record Stale : PushAnswer;
}
