namespace CollabEdit.Web.Features.Documents;

/// <summary>What became of one save, as <see cref="SaveDecision"/> reads it from a writer's <see cref="SaveFacts"/>.</summary>
public abstract record SaveOutcome
{
    private SaveOutcome()
    {
    }

    /// <summary>A new version was written.</summary>
    public sealed record Saved(DocumentSnapshot Document) : SaveOutcome;

    /// <summary>The content and title were those of the expected version already: nothing was written.</summary>
    public sealed record Unchanged(Document Current) : SaveOutcome;

    /// <summary>No such document.</summary>
    public sealed record NotFound : SaveOutcome;

    /// <summary>Refused: the document is archived, whatever version the save named.</summary>
    public sealed record Archived(Document Current) : SaveOutcome;

    /// <summary>Refused: an owner locked the document, whatever version the save named. Never a conflict to merge.</summary>
    public sealed record Locked(Document Current) : SaveOutcome;

    /// <summary>The save named a version that is no longer current: a conflict, for a three-way merge.</summary>
    public sealed record Stale(Document Current) : SaveOutcome;
}
