namespace CollabEdit.Web.Features.Documents;

/// <summary>What became of a lock or an unlock in the store.</summary>
public abstract record LockChangeOutcome
{
    private LockChangeOutcome()
    {
    }

    /// <summary>Locked or unlocked now, and recorded as a document event.</summary>
    public sealed record Changed(Document Current) : LockChangeOutcome;

    /// <summary>Already locked (or already unlocked): nothing was recorded.</summary>
    public sealed record Unchanged(Document Current) : LockChangeOutcome;

    public sealed record NotFound : LockChangeOutcome;
}
