namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// What a version writer saw when it tried one save, by name: every writer reports these and nothing else, and
/// <see cref="SaveDecision"/> alone turns them into a <see cref="SaveOutcome"/>.
/// </summary>
/// <param name="Current">After a write, the new head; otherwise the head as the writer saw it. Null: no such document.</param>
/// <param name="Written">The guarded UPDATE matched and the new version's revision was inserted, in one transaction.</param>
/// <param name="SameAsExpected">The expected version already holds exactly this content and title (nothing to write).</param>
public sealed record SaveFacts(Document? Current, bool Written, bool SameAsExpected)
{
    /// <summary>No document has the id.</summary>
    public static SaveFacts NoDocument { get; } = new(null, Written: false, SameAsExpected: false);
}
