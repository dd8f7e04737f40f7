namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>What a limit is for.</summary>
public enum RateLimitKind
{
    Writes,
    Reads,
    Hub,
    SignIn,
    WriteAttempts,
}
