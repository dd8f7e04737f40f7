using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>
/// The one set of rate limits every path takes from: reads and the accounts API through the rate-limiting middleware,
/// every document change (API, editor, list, sharing dialog) through the command pipeline, which takes one write token
/// per command, and the hub through a hub filter. A client is
/// its account when signed in, wherever and however it connects; its address otherwise. The buckets are this
/// server's (<see cref="LocalRateLimitBuckets"/>) or, with several servers, shared in Redis
/// (<see cref="RedisRateLimitBuckets"/>): a client does not get one allowance per server.
/// </summary>
public sealed class ClientRateLimiter(IRateLimitBuckets buckets, IOptions<RateLimitOptions> options)
{
    /// <summary>"user:{id}" for an account, "ip:{address}" for nobody signed in.</summary>
    public static string ClientKey(ClaimsPrincipal? user, IPAddress? address) =>
        Access.Actors.UserIdOf(user) is { } userId ? ClientKeyOfUser(userId) : AddressKey(address);

    /// <summary>An account's key, wherever it is used from.</summary>
    public static string ClientKeyOfUser(string userId) => $"user:{userId}";

    /// <summary>
    /// "ip:{address}", whoever is signed in: the key of the sign-in bucket. Were it the account when a token is
    /// attached, every account would bring a fresh allowance of password guesses and sign-ups.
    /// </summary>
    public static string AddressKey(IPAddress? address) => $"{AddressPrefix}{address}";

    /// <summary>Whether a client key is an address (nobody signed in) rather than an account.</summary>
    public static bool IsAddressKey(string clientKey) => clientKey.StartsWith(AddressPrefix, StringComparison.Ordinal);

    private const string AddressPrefix = "ip:";

    /// <summary>Takes one token; the lease says whether it was granted (dispose it).</summary>
    public ValueTask<RateLimitLease> AcquireAsync(RateLimitKind kind, string clientKey, CancellationToken cancellationToken = default) =>
        buckets.TakeAsync(kind, clientKey, cancellationToken);

    /// <summary>How long a refused client should wait: the lease's own hint, else one period.</summary>
    public TimeSpan RetryAfter(RateLimitKind kind, RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Value.For(kind).ReplenishmentPeriod;

    /// <summary>A limiter for the HTTP middleware's partition of this client: it draws from the same bucket, and disposing it disposes nothing.</summary>
    public RateLimiter For(RateLimitKind kind, string clientKey) => new SharedBucket(buckets, kind, clientKey);

    /// <summary>
    /// Answers only asynchronously: a bucket in Redis is a network round trip. The middleware asks
    /// <see cref="RateLimiter.AttemptAcquire"/> first and, when it is not granted, <see cref="RateLimiter.AcquireAsync"/>;
    /// so a refused attempt here takes nothing, and the asynchronous call takes the token (at once for this server's
    /// own buckets).
    /// </summary>
    private sealed class SharedBucket(IRateLimitBuckets buckets, RateLimitKind kind, string key) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => BucketLease.AskAsynchronously;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            buckets.TakeAsync(kind, key, cancellationToken);
    }
}
