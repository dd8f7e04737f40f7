namespace CollabEdit.Merging.Tests;

public sealed class MergeResolutionTests
{
    // Four lines apart: git joins conflicts with three or fewer lines between them.
    private static readonly MergeResult TwoConflicts = ThreeWayMerge.Merge(
        "a\nb\nc\nd\ne\ne2\nf\ng\n",
        "a\nB-mine\nc\nd\ne\ne2\nF-mine\ng\n",
        "a\nB-theirs\nc\nd\ne\ne2\nF-theirs\ng\n");

    [Theory]
    [InlineData(ConflictChoiceKind.Mine, "a\nB-mine\nc\nd\ne\ne2\nF-mine\ng\n")]
    [InlineData(ConflictChoiceKind.Theirs, "a\nB-theirs\nc\nd\ne\ne2\nF-theirs\ng\n")]
    [InlineData(ConflictChoiceKind.Base, "a\nb\nc\nd\ne\ne2\nf\ng\n")]
    [InlineData(ConflictChoiceKind.MineThenTheirs, "a\nB-mine\nB-theirs\nc\nd\ne\ne2\nF-mine\nF-theirs\ng\n")]
    [InlineData(ConflictChoiceKind.TheirsThenMine, "a\nB-theirs\nB-mine\nc\nd\ne\ne2\nF-theirs\nF-mine\ng\n")]
    public void EachChoiceProducesItsText(ConflictChoiceKind kind, string expected)
    {
        Assert.Equal(2, TwoConflicts.Counts.Conflicts);

        Assert.Equal(expected, MergeResolution.Resolve(TwoConflicts, [new ConflictChoice(kind), new ConflictChoice(kind)]));
    }

    [Fact]
    public void ChoicesApplyToTheirOwnConflictAndCustomTextIsUsedAsIs()
    {
        var text = MergeResolution.Resolve(TwoConflicts, [ConflictChoice.Theirs, ConflictChoice.Custom("written by hand\n")]);

        Assert.Equal("a\nB-theirs\nc\nd\ne\ne2\nwritten by hand\ng\n", text);
    }

    [Fact]
    public void BothSidesNeverFuseLinesWhenASideLacksAFinalNewline()
    {
        var result = ThreeWayMerge.Merge("a\nb", "a\nmine", "a\ntheirs");

        Assert.Equal("a\nmine\ntheirs", MergeResolution.Resolve(result, [ConflictChoice.MineThenTheirs]));
    }

    [Fact]
    public void TheWrongNumberOfChoicesIsRefused()
    {
        Assert.Throws<ArgumentException>(() => MergeResolution.Resolve(TwoConflicts, [ConflictChoice.Mine]));
    }

    [Fact]
    public void ACustomChoiceWithoutTextIsRefused()
    {
        Assert.Throws<ArgumentException>(() => MergeResolution.Resolve(TwoConflicts, [ConflictChoice.Mine, new ConflictChoice(ConflictChoiceKind.Custom)]));
    }
}
