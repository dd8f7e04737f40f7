namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>Bound from <c>CollabEdit:RateLimiting</c>: one bucket per client for writes, reads and hub calls.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "CollabEdit:RateLimiting";

    /// <summary>Saves, creates, archive/restore, access changes and sign-ins, whether through the API or the editor.</summary>
    public TokenBucketOptions Writes { get; set; } = new() { TokenLimit = 60, TokensPerPeriod = 30 };

    /// <summary>API reads (documents, revisions, lists).</summary>
    public TokenBucketOptions Reads { get; set; } = new() { TokenLimit = 600, TokensPerPeriod = 300 };

    /// <summary>Hub calls (join, leave, typing), across all of a client's connections.</summary>
    public TokenBucketOptions Hub { get; set; } = new() { TokenLimit = 60, TokensPerPeriod = 20 };

    /// <summary>
    /// Sign-ins, sign-ups and password changes, per address whoever is signed in: a password guesser gets 10
    /// tries, then one more a minute. Accounts never lock (a lockout would let anyone shut the owner out).
    /// </summary>
    public TokenBucketOptions SignIn { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Every write request to the API, accepted or refused. The write token is taken by the command pipeline only for
    /// a caller it admitted, validated and let through the gate; this bucket bounds the others too (a flood of 401s,
    /// 400s, 413s, 403s and 404s), set well above <see cref="Writes"/> so that it never decides for honest clients.
    /// </summary>
    public TokenBucketOptions WriteAttempts { get; set; } = new() { TokenLimit = 600, TokensPerPeriod = 300 };

    /// <summary>The bucket of one kind of limit.</summary>
    public TokenBucketOptions For(RateLimitKind kind) => kind switch
    {
        RateLimitKind.Writes => Writes,
        RateLimitKind.Reads => Reads,
        RateLimitKind.Hub => Hub,
        RateLimitKind.SignIn => SignIn,
        RateLimitKind.WriteAttempts => WriteAttempts,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such limit."),
    };
}
