using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Tests.Storage;

/// <summary>The one function that turns a writer's facts into an outcome, whichever database wrote them.</summary>
public sealed class SaveDecisionTests
{
    private static readonly DocumentEdit Edit = new("new text", null, ExpectedVersion: 3, BaseVersion: 3, "Ana");

    [Fact]
    public void NoHeadMeansNoSuchDocument() =>
        Assert.IsType<SaveOutcome.NotFound>(SaveDecision.Decide(SaveFacts.NoDocument, Edit));

    [Fact]
    public void AWrittenVersionIsSavedWithTheEditsContent()
    {
        var saved = Assert.IsType<SaveOutcome.Saved>(SaveDecision.Decide(new SaveFacts(Head(4), Written: true, SameAsExpected: false), Edit));

        Assert.Equal(4, saved.Document.Head.CurrentVersion);
        Assert.Equal("new text", saved.Document.Content);
    }

    [Fact]
    public void AnArchivedDocumentIsRefusedAsArchivedEvenWhenTheVersionMovedOrTheTextIsTheSame()
    {
        Assert.IsType<SaveOutcome.Archived>(SaveDecision.Decide(new SaveFacts(Head(5, DocumentState.Archived), false, false), Edit));
        Assert.IsType<SaveOutcome.Archived>(SaveDecision.Decide(new SaveFacts(Head(3, DocumentState.Archived), false, true), Edit));
    }

    [Fact]
    public void ALockedDocumentIsRefusedAsLockedNeverAsAConflictOrAsUnchanged()
    {
        Assert.IsType<SaveOutcome.Locked>(SaveDecision.Decide(new SaveFacts(Head(5, locked: true), false, false), Edit));
        Assert.IsType<SaveOutcome.Locked>(SaveDecision.Decide(new SaveFacts(Head(3, locked: true), false, true), Edit));
    }

    [Fact]
    public void TheSameTextAtTheExpectedVersionIsUnchanged() =>
        Assert.IsType<SaveOutcome.Unchanged>(SaveDecision.Decide(new SaveFacts(Head(3), false, true), Edit));

    [Fact]
    public void AVersionThatMovedOnIsStale()
    {
        var stale = Assert.IsType<SaveOutcome.Stale>(SaveDecision.Decide(new SaveFacts(Head(5), false, false), Edit));

        Assert.Equal(5, stale.Current.CurrentVersion);
    }

    private static Document Head(int version, DocumentState state = DocumentState.Active, bool locked = false) => new()
    {
        Id = Guid.NewGuid(),
        Slug = "notes",
        Title = "Notes",
        CurrentVersion = version,
        State = state,
        UpdatedBy = "Bo",
        LockedAt = locked ? DateTime.UtcNow : null,
        LockedBy = locked ? "Ana" : null,
    };
}
