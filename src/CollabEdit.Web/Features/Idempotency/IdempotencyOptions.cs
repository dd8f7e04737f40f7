namespace CollabEdit.Web.Features.Idempotency;

/// <summary>Bound from <c>CollabEdit:Idempotency</c>.</summary>
public sealed class IdempotencyOptions
{
    public const string SectionName = "CollabEdit:Idempotency";

    /// <summary>How long a completed key is replayed.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A key still in flight after this long belongs to a request that died (a crash): it may be reused.</summary>
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
