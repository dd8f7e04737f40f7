using System.Threading.RateLimiting;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>A token granted or refused by a bucket kept outside this process; nothing to give back on dispose.</summary>
public sealed class BucketLease : RateLimitLease
{
    private readonly TimeSpan? _retryAfter;

    private BucketLease(bool isAcquired, TimeSpan? retryAfter)
    {
        IsAcquired = isAcquired;
        _retryAfter = retryAfter;
    }

    /// <summary>Granted.</summary>
    public static BucketLease Granted { get; } = new(true, null);

    /// <summary>Not granted synchronously: the caller is to ask again asynchronously (see <see cref="ClientRateLimiter"/>).</summary>
    public static BucketLease AskAsynchronously { get; } = new(false, null);

    /// <summary>Refused: try again after this long.</summary>
    public static BucketLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = wait;
            return true;
        }

        metadata = null;
        return false;
    }
}
