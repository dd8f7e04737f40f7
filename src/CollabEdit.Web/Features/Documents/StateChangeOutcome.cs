namespace CollabEdit.Web.Features.Documents;

/// <summary>What became of an archive or a restore in the store.</summary>
public abstract record StateChangeOutcome
{
    private StateChangeOutcome()
    {
    }

    public sealed record Changed(Document Current) : StateChangeOutcome;

    /// <summary>Already in the state asked for.</summary>
    public sealed record Unchanged(Document Current) : StateChangeOutcome;

    public sealed record NotFound : StateChangeOutcome;

    /// <summary>The version named is no longer current.</summary>
    public sealed record Stale(Document Current) : StateChangeOutcome;

    /// <summary>Refused: an owner locked the document.</summary>
    public sealed record Locked(Document Current) : StateChangeOutcome;
}
