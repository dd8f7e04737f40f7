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

    [Fact]
    public void DifferentWordsOfOneParagraphAreCombinedAndSavableWithoutAChoice()
    {
        var session = new MergeSession("Alpha beta gamma delta epsilon.\n", 1, "Alpha BETA gamma delta epsilon.\n", "Alpha beta gamma delta EPSILON.\n", 2, "Ana");

        Assert.Equal(1, session.CombinedCount);
        Assert.Empty(session.Conflicts);
        Assert.True(session.CanSave);
        Assert.True(session.IsCleanWithTheirChanges);
        Assert.Equal("Alpha BETA gamma delta EPSILON.\n", session.ResultText());
    }

    [Fact]
    public void UncombiningKeepsTheChoicesOfTheOtherConflicts()
    {
        // Lines 1 and 9: the same word changed (conflicts); line 5: different words (combined).
        // (Four lines apart: git joins conflicts closer than that.)
        var @base = "a 1\nk\nk\nk\nk\nOne two three four five.\nk\nk\nk\nk\nb 1\n";
        var session = new MergeSession(
            @base, 1,
            @base.Replace("a 1", "a 2", StringComparison.Ordinal).Replace("One two", "ONE two", StringComparison.Ordinal).Replace("b 1", "b 2", StringComparison.Ordinal),
            @base.Replace("a 1", "a 3", StringComparison.Ordinal).Replace("four five", "four FIVE", StringComparison.Ordinal).Replace("b 1", "b 3", StringComparison.Ordinal),
            2, "Ana");
        Assert.Equal((2, 1), (session.Conflicts.Count, session.CombinedCount));
        session.Choose(0, ConflictChoice.Mine);
        session.Choose(1, ConflictChoice.Theirs);

        var combined = session.Result.Chunks.IndexOf(session.Result.Chunks.Single(c => c.Kind == MergeChunkKind.Combined));
        var conflict = session.Uncombine(combined);

        Assert.Equal(1, conflict);
        Assert.Equal(1, session.Current);
        Assert.Equal(3, session.Conflicts.Count);
        Assert.Equal(ConflictChoice.Mine, session.ChoiceFor(0));
        Assert.Null(session.ChoiceFor(1));
        Assert.Equal(ConflictChoice.Theirs, session.ChoiceFor(2));
        session.Choose(1, ConflictChoice.Base);
        Assert.Equal("a 2\nk\nk\nk\nk\nOne two three four five.\nk\nk\nk\nk\nb 3\n", session.ResultText());
    }
}
