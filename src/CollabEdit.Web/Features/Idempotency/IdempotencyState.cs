namespace CollabEdit.Web.Features.Idempotency;

public enum IdempotencyState
{
    InFlight = 0,
    Completed = 1,
}
