using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>A token bucket per client: burst size, then a sustained rate.</summary>
public sealed class TokenBucketOptions
{
    public int TokenLimit { get; set; }

    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

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
    /// Sign-ins and sign-ups, per address: a password guesser gets 10 tries, then one more a minute (each account
    /// also locks for 5 minutes after 10 wrong passwords).
    /// </summary>
    public TokenBucketOptions SignIn { get; set; } = new() { TokenLimit = 10, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };
}

/// <summary>What a limit is for.</summary>
public enum RateLimitKind
{
    Writes,
    Reads,
    Hub,
    SignIn,
}

/// <summary>
/// The one set of rate limits every path takes from: the API (through the rate-limiting middleware), the editor
/// and the documents list (Blazor circuits, which no HTTP middleware sees) and the hub (a hub filter). A client is
/// its account when signed in, wherever and however it connects; its address otherwise.
/// </summary>
public sealed class ClientRateLimiter : IDisposable
{
    private readonly Dictionary<RateLimitKind, (PartitionedRateLimiter<string> Limiter, TokenBucketOptions Options)> _limiters;

    public ClientRateLimiter(IOptions<RateLimitOptions> options)
    {
        var value = options.Value;
        _limiters = new()
        {
            [RateLimitKind.Writes] = (Create(value.Writes), value.Writes),
            [RateLimitKind.Reads] = (Create(value.Reads), value.Reads),
            [RateLimitKind.Hub] = (Create(value.Hub), value.Hub),
            [RateLimitKind.SignIn] = (Create(value.SignIn), value.SignIn),
        };
    }

    /// <summary>"user:{id}" for an account, "ip:{address}" for nobody signed in.</summary>
    public static string ClientKey(ClaimsPrincipal? user, IPAddress? address) =>
        Access.Actors.UserIdOf(user) is { } userId ? $"user:{userId}" : $"ip:{address}";

    /// <summary>Takes one token; the lease says whether it was granted (dispose it).</summary>
    public RateLimitLease Acquire(RateLimitKind kind, string clientKey) => _limiters[kind].Limiter.AttemptAcquire(clientKey);

    /// <summary>How long a refused client should wait: the lease's own hint, else one period.</summary>
    public TimeSpan RetryAfter(RateLimitKind kind, RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _limiters[kind].Options.ReplenishmentPeriod;

    /// <summary>A limiter for the HTTP middleware's partition of this client: it draws from the same bucket, and disposing it disposes nothing.</summary>
    public RateLimiter For(RateLimitKind kind, string clientKey) => new SharedBucket(_limiters[kind].Limiter, clientKey);

    public void Dispose()
    {
        foreach (var (limiter, _) in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private static PartitionedRateLimiter<string> Create(TokenBucketOptions options) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TokenLimit,
            TokensPerPeriod = options.TokensPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private sealed class SharedBucket(PartitionedRateLimiter<string> limiter, string key) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => limiter.GetStatistics(key);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => limiter.AttemptAcquire(key, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            limiter.AcquireAsync(key, permitCount, cancellationToken);
    }
}
