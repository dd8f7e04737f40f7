using CollabEdit.Merging;
using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Editing;

public sealed class MergeSessionTests
{
    private const string Base = "title\nintro\nmiddle\nwords\nmore words\nend\n";

    // Mine and theirs both change "title" and "end" (two conflicts); theirs also changes "middle" (merged).
    private static MergeSession TwoConflicts() => new(
        Base, 5,
        "my title\nintro\nmiddle\nwords\nmore words\nmy end\n",
        "their title\nintro\nTHEIR middle\nwords\nmore words\ntheir end\n",
        7, "Ana");

    [Fact]
    public void ANewSessionCountsItsConflictsAsUnresolvedAndCannotSave()
    {
        var session = TwoConflicts();

        Assert.Equal(2, session.Conflicts.Count);
        Assert.Equal(2, session.UnresolvedCount);
        Assert.False(session.CanSave);
        Assert.Equal(0, session.Current);
    }

    [Fact]
    public void ResolvingEveryConflictEnablesSaveAndGivesTheMergedText()
    {
        var session = TwoConflicts();

        session.Choose(0, ConflictChoice.Mine);
        Assert.Equal(1, session.UnresolvedCount);
        Assert.False(session.CanSave);
        session.Choose(1, ConflictChoice.Theirs);

        Assert.True(session.CanSave);
        Assert.Equal("my title\nintro\nTHEIR middle\nwords\nmore words\ntheir end\n", session.ResultText());
    }

    [Fact]
    public void ResultTextRefusesWhileConflictsRemain()
    {
        Assert.Throws<InvalidOperationException>(() => TwoConflicts().ResultText());
    }

    [Fact]
    public void ThePreviewShowsChoicesMadeAndMarksTheRest()
    {
        var session = TwoConflicts();
        session.Choose(1, ConflictChoice.Custom("the end\n"));

        var preview = session.Preview();

        Assert.StartsWith("<<<<<<< mine\nmy title\n=======\ntheir title\n>>>>>>> v7\nintro\nTHEIR middle\n", preview, StringComparison.Ordinal);
        Assert.EndsWith("more words\nthe end\n", preview, StringComparison.Ordinal);
    }

    [Fact]
    public void NavigationStaysWithinTheConflictsAndFindsTheNextUnresolvedOne()
    {
        var session = TwoConflicts();

        session.Previous();
        Assert.Equal(0, session.Current);
        session.Next();
        session.Next();
        Assert.Equal(1, session.Current);
        session.Choose(1, ConflictChoice.Mine);
        Assert.Equal(0, session.NextUnresolved());
        session.Choose(0, ConflictChoice.Mine);
        Assert.Null(session.NextUnresolved());
    }

    [Fact]
    public void RebasingOnANewerVersionKeepsTheChoicesWhoseConflictsStillExist()
    {
        var session = TwoConflicts();
        session.Choose(0, ConflictChoice.Mine);
        session.Choose(1, ConflictChoice.Theirs);

        // v8 changed the end again: that conflict is new, the title conflict is unchanged.
        var rebased = session.Rebase("their title\nintro\nTHEIR middle\nwords\nmore words\nnewer end\n", 8, "Carl");

        Assert.Equal(8, rebased.TheirsVersion);
        Assert.Equal(5, rebased.BaseVersion);
        Assert.Equal(ConflictChoice.Mine, rebased.ChoiceFor(0));
        Assert.Null(rebased.ChoiceFor(1));
        Assert.Equal(1, rebased.UnresolvedCount);
        Assert.Equal(session.Mine, rebased.Mine);
    }

    [Fact]
    public void AMergeWithoutConflictsCanBeSavedAtOnceAndSaysTheirChangesCameIn()
    {
        var session = new MergeSession(Base, 5, Base.Replace("intro", "my intro", StringComparison.Ordinal), Base.Replace("end", "their end", StringComparison.Ordinal), 6, "Ana");

        Assert.True(session.CanSave);
        Assert.True(session.IsCleanWithTheirChanges);
        Assert.Equal("title\nmy intro\nmiddle\nwords\nmore words\ntheir end\n", session.ResultText());
    }
}
