using System.Threading.RateLimiting;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>Where the clients' token buckets are kept: in this server, or in Redis for all servers.</summary>
public interface IRateLimitBuckets
{
    /// <summary>Takes one token from the client's bucket of this kind; a refusal carries how long to wait (<see cref="MetadataName.RetryAfter"/>).</summary>
    ValueTask<RateLimitLease> TakeAsync(RateLimitKind kind, string clientKey, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="TakeAsync"/>, at once, when this store can answer without waiting (true: this server's buckets);
    /// false, taking nothing, when it answers only asynchronously (Redis: a network round trip).
    /// </summary>
    bool TryTakeNow(RateLimitKind kind, string clientKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RateLimitLease? lease);
}
