namespace CollabEdit.Web.Storage;

public enum IdempotencyState
{
    InFlight = 0,
    Completed = 1,
}
