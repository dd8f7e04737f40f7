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

    /// <summary>
    /// The rate-limiting middleware's partition of a request's client for <paramref name="kind"/>: the account when
    /// signed in (except for sign-ins, always the address), else the address. Its key is the user id or the
    /// <see cref="IPAddress"/> as they are, not a string built for the request: the middleware looks its limiter up by
    /// the key (and the policy's name, so one kind's key never meets another's) on every request, and
    /// <see cref="ClientKey"/>'s string is made only when a client's limiter is first created.
    /// </summary>
    public RateLimitPartition<object> PartitionFor(RateLimitKind kind, ClaimsPrincipal? user, IPAddress? address)
    {
        var key = kind != RateLimitKind.SignIn && Access.Actors.UserIdOf(user) is { } userId ? userId : (object?)address ?? NoAddress;
        return new RateLimitPartition<object>(key, _partitions[(int)kind]);
    }

    /// <summary>The middleware's key for a connection without an address (the middleware treats two null keys as one, whatever the policy).</summary>
    private static readonly object NoAddress = new();

    // One factory per kind, indexed by its value, made once: a lambda capturing the kind and the key per request
    // would be an allocation on every request.
    private readonly Func<object, RateLimiter>[] _partitions = Enum.GetValues<RateLimitKind>().OrderBy(kind => (int)kind)
        .Select(kind => (Func<object, RateLimiter>)(key => new SharedBucket(buckets, kind, KeyOf(key))))
        .ToArray();

    /// <summary>The bucket's key of a partition key: the same strings as <see cref="ClientKey"/>, which the command pipeline and the hub take from.</summary>
    private static string KeyOf(object partitionKey) => partitionKey switch
    {
        string userId => ClientKeyOfUser(userId),
        IPAddress address => AddressKey(address),
        _ => AddressKey(null),
    };

    /// <summary>A limiter for the HTTP middleware's partition of this client: it draws from the same bucket, and disposing it disposes nothing.</summary>
    public RateLimiter For(RateLimitKind kind, string clientKey) => new SharedBucket(buckets, kind, clientKey);

    /// <summary>
    /// The middleware asks <see cref="RateLimiter.AttemptAcquire"/> first and, when it is not granted,
    /// <see cref="RateLimiter.AcquireAsync"/>. This server's own buckets answer the first at once, so a request takes
    /// its token in one call (the second ran on every request before, its asynchronous path included). A bucket in
    /// Redis answers only asynchronously (a network round trip): its refused attempt takes nothing, and the
    /// asynchronous call takes the token.
    /// </summary>
    private sealed class SharedBucket(IRateLimitBuckets buckets, RateLimitKind kind, string key) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            buckets.TryTakeNow(kind, key, out var lease) ? lease : BucketLease.AskAsynchronously;

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            buckets.TakeAsync(kind, key, cancellationToken);
    }
}
