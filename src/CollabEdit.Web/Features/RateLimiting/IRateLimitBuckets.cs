using System.Threading.RateLimiting;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>Where the clients' token buckets are kept: in this server, or in Redis for all servers.</summary>
public interface IRateLimitBuckets
{
    /// <summary>Takes one token from the client's bucket of this kind; a refusal carries how long to wait (<see cref="MetadataName.RetryAfter"/>).</summary>
    ValueTask<RateLimitLease> TakeAsync(RateLimitKind kind, string clientKey, CancellationToken cancellationToken);
}
