namespace CollabEdit.Web.Features.Idempotency;

public abstract record IdempotencyClaim
{
    /// <summary>The key is ours: go on, then <see cref="IdempotencyStore.CompleteAsync"/> or <see cref="IdempotencyStore.ReleaseAsync"/>.</summary>
    public sealed record Claimed : IdempotencyClaim;
    public sealed record Replay(Guid DocumentId) : IdempotencyClaim;
    public sealed record PayloadMismatch : IdempotencyClaim;
    public sealed record InFlight : IdempotencyClaim;
}
