using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>This server's own buckets (System.Threading.RateLimiting's token buckets, one per client and kind): one server, or Redis out of reach.</summary>
public sealed class LocalRateLimitBuckets : IRateLimitBuckets, IDisposable
{
    // Indexed by kind (its values are 0, 1, 2…): taken from on every request, so an array rather than a dictionary.
    private readonly PartitionedRateLimiter<string>[] _limiters;

    public LocalRateLimitBuckets(IOptions<RateLimitOptions> options) =>
        _limiters = Enum.GetValues<RateLimitKind>().OrderBy(kind => (int)kind).Select(kind => Create(options.Value.For(kind))).ToArray();

    public ValueTask<RateLimitLease> TakeAsync(RateLimitKind kind, string clientKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Take(kind, clientKey));

    public bool TryTakeNow(RateLimitKind kind, string clientKey, out RateLimitLease lease)
    {
        lease = Take(kind, clientKey);
        return true;
    }

    private RateLimitLease Take(RateLimitKind kind, string clientKey) => _limiters[(int)kind].AttemptAcquire(clientKey);

    public void Dispose()
    {
        foreach (var limiter in _limiters)
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
