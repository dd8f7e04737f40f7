using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>This server's own buckets (System.Threading.RateLimiting's token buckets, one per client and kind): one server, or Redis out of reach.</summary>
public sealed class LocalRateLimitBuckets : IRateLimitBuckets, IDisposable
{
    private readonly Dictionary<RateLimitKind, PartitionedRateLimiter<string>> _limiters;

    public LocalRateLimitBuckets(IOptions<RateLimitOptions> options) =>
        _limiters = Enum.GetValues<RateLimitKind>().ToDictionary(kind => kind, kind => Create(options.Value.For(kind)));

    public ValueTask<RateLimitLease> TakeAsync(RateLimitKind kind, string clientKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_limiters[kind].AttemptAcquire(clientKey));

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
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
}
