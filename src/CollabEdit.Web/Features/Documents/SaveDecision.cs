namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The one place where a save's facts become its outcome, whichever database wrote it. Refusals that hold whatever
/// version the save named (archived, locked) come before "unchanged" and "stale", so a refusal is never reported as
/// a conflict: a merge against an unchanged version could not help.
/// </summary>
public static class SaveDecision
{
    public static SaveOutcome Decide(SaveFacts facts, DocumentEdit edit) => facts switch
    {
        { Written: true, Current: { } saved } => new SaveOutcome.Saved(new DocumentSnapshot(saved, edit.Content)),
        _ when RefusalOf(facts.Current) is { } refused => refused,
        { SameAsExpected: true, Current: { } unchanged } => new SaveOutcome.Unchanged(unchanged),
        { Current: var current } => new SaveOutcome.Stale(current!),
    };

    /// <summary>Why no save can be written on this head whatever version it names (none, archived, locked), or null.</summary>
    public static SaveOutcome? RefusalOf(Document? head) => head switch
    {
        null => new SaveOutcome.NotFound(),
        { State: DocumentState.Archived } => new SaveOutcome.Archived(head),
        { IsLocked: true } => new SaveOutcome.Locked(head),
        _ => null,
    };
}
