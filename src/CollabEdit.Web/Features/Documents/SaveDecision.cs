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
        { Current: null } => new SaveOutcome.NotFound(),
        { Written: true, Current: var saved } => new SaveOutcome.Saved(new DocumentSnapshot(saved, edit.Content)),
        { Current: { State: DocumentState.Archived } archived } => new SaveOutcome.Archived(archived),
        { Current: { IsLocked: true } locked } => new SaveOutcome.Locked(locked),
        { SameAsExpected: true, Current: var unchanged } => new SaveOutcome.Unchanged(unchanged),
        { Current: var current } => new SaveOutcome.Stale(current),
    };
}
