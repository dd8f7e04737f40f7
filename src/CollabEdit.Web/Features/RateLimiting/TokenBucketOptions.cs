namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>A token bucket per client: burst size, then a sustained rate.</summary>
public sealed class TokenBucketOptions
{
    public int TokenLimit { get; set; }

    public int TokensPerPeriod { get; set; }

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
