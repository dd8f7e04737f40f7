using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Merging.Tests;

/// <summary>
/// Rebasing an edit onto a newer version (what every autosave does when someone saved meanwhile): disjoint changes both
/// go in, the same words changed by both are a conflict that keeps theirs in the text and hands mine back.
/// </summary>
public sealed class RebaseTests
{
    private const string Paragraphs = "The first paragraph is about apples.\n\nThe second paragraph is about pears.\n";

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Gen<string> Texts =
        Gen.ListOf(Gen.Elements("a", "bc", "word", " ", "\n", "\r\n", "😀", "é", ".", "x y")).Select(parts => string.Concat(parts.Take(30)));

    [Fact]
    public void ChangesInDifferentParagraphsBothGoInWithoutAConflict()
    {
        var (result, rebased, theirs) = Rebased(Paragraphs,
            mine: Paragraphs.Replace("apples", "green apples"),
            theirs: Paragraphs.Replace("pears", "ripe pears"));

        Assert.True(result.IsClean);
        Assert.Equal("The first paragraph is about green apples.\n\nThe second paragraph is about ripe pears.\n", rebased);
        Assert.Equal(rebased, result.OnTheirs.Apply(theirs));
    }

    [Fact]
    public void ChangesInDifferentSentencesOfOneParagraphBothGoIn()
    {
        const string text = "Ana wrote this sentence. Bo wrote that one. Nobody wrote the last.";
        var (result, rebased, _) = Rebased(text,
            mine: text.Replace("this sentence", "this long sentence"),
            theirs: text.Replace("that one", "that other one"));

        Assert.True(result.IsClean);
        Assert.Equal("Ana wrote this long sentence. Bo wrote that other one. Nobody wrote the last.", rebased);
    }

    [Fact]
    public void WordsBeingTypedBetweenTwoOthersEditsOfOneParagraphAreNotTouchedByTheRebase()
    {
        // Bo types in the middle sentence while Ana and Cy type in the first and last: the changes Bo's editor receives
        // must leave Bo's words (and so Bo's caret) alone; one replacement across the paragraph would move the caret
        // to its edge and Bo's next letters into Ana's word ("weeksquare").
        const string text = "The museum opens at nine on week. Lunch is at the market near th. We take the tram home.";
        var mine = text.Replace("near th.", "near the old .", StringComparison.Ordinal);
        var theirs = text.Replace("on week.", "on weekdays .", StringComparison.Ordinal).Replace("home.", "home after di.", StringComparison.Ordinal);

        var (result, rebased, _) = Rebased(text, mine, theirs);

        Assert.True(result.IsClean);
        Assert.Equal("The museum opens at nine on weekdays . Lunch is at the market near the old . We take the tram home after di.", rebased);
        var bosWordsFrom = mine.IndexOf("Lunch", StringComparison.Ordinal);
        var bosWordsTo = mine.IndexOf(" We take", StringComparison.Ordinal);
        Assert.All(result.OnMine.Changes, change => Assert.True(change.To <= bosWordsFrom || change.From >= bosWordsTo,
            $"[{change.From}, {change.To}) → \"{change.Insert}\" covers Bo's sentence."));
    }

    [Fact]
    public void ChangesToAdjacentWordsAreAConflictAsTheProseMergeHasIt()
    {
        // The merge dialog's rule (word by word, neighbours conflict as neighbouring lines do in git): one home for it.
        const string text = "one two three four";
        var (result, rebased, _) = Rebased(text, mine: "one 2 three four", theirs: "one two 3 four");

        Assert.Equal("one two 3 four", rebased);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("2 three", conflict.Mine);
        Assert.Equal("two 3", conflict.Theirs);
    }

    [Fact]
    public void ChangesToNeighbouringLinesBothGoIn()
    {
        var (result, rebased, _) = Rebased("- milk\n- eggs\n- bread\n", mine: "- oat milk\n- eggs\n- bread\n", theirs: "- milk\n- six eggs\n- bread\n");

        Assert.True(result.IsClean);
        Assert.Equal("- oat milk\n- six eggs\n- bread\n", rebased);
    }

    [Fact]
    public void ChangesToWordsApartInOneLineBothGoIn()
    {
        const string text = "one two three four five";
        var (result, rebased, _) = Rebased(text, mine: "one 2 three four five", theirs: "one two three four 5");

        Assert.True(result.IsClean);
        Assert.Equal("one 2 three four 5", rebased);
    }

    [Fact]
    public void TheSameWordChangedByBothIsAConflictThatKeepsTheirsInTheTextAndHandsMineBack()
    {
        const string text = "The meeting is on Monday at noon.";
        var (result, rebased, theirs) = Rebased(text,
            mine: text.Replace("Monday", "Tuesday"),
            theirs: text.Replace("Monday", "Friday"));

        Assert.Equal(theirs, rebased);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("Friday", rebased[conflict.From..conflict.To]);
        Assert.Equal("Tuesday", conflict.Mine);
        Assert.Equal("Friday", conflict.Theirs);
        Assert.Equal("Monday", conflict.Base);
        Assert.True(result.OnTheirs.IsEmpty);
    }

    [Fact]
    public void TypingOnAtTheEndOfAWordTheyRewroteIsAConflictNotInterleavedLetters()
    {
        const string text = "a red car";
        var (result, rebased, _) = Rebased(text, mine: "a reddish car", theirs: "a blue car");

        Assert.Equal("a blue car", rebased);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("reddish", conflict.Mine);
        Assert.Equal("blue", conflict.Theirs);
    }

    [Fact]
    public void ADeletionAgainstAnEditInsideItIsAConflictThatLosesNeitherSide()
    {
        const string text = "Keep this. Drop this whole sentence please. Keep that.";
        var mine = text.Replace("whole sentence", "entire sentence");
        var (result, rebased, _) = Rebased(text, mine, theirs: text.Replace(" Drop this whole sentence please.", ""));

        Assert.DoesNotContain("entire", rebased);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Contains("entire sentence", conflict.Mine);
        Assert.DoesNotContain("Drop", rebased);
    }

    [Fact]
    public void TheSameChangeMadeByBothGoesInOnce()
    {
        const string text = "colour and flavour";
        var (result, rebased, _) = Rebased(text, mine: "color and flavour", theirs: "color and flavour");

        Assert.True(result.IsClean);
        Assert.Equal("color and flavour", rebased);
    }

    [Fact]
    public void TwoInsertionsAtOnePointBetweenWordsAreAConflict()
    {
        const string text = "Items:\n\nEnd.\n";
        var (result, rebased, _) = Rebased(text, mine: "Items:\n- milk\n\nEnd.\n", theirs: "Items:\n- eggs\n\nEnd.\n");

        Assert.Equal("Items:\n- eggs\n\nEnd.\n", rebased);
        Assert.Single(result.Conflicts);
    }

    [Fact]
    public void NothingOfMineLeavesTheirsAsItIsAndGivesMeTheirChanges()
    {
        var (result, rebased, theirs) = Rebased(Paragraphs, mine: Paragraphs, theirs: Paragraphs.Replace("pears", "plums"));

        Assert.Equal(theirs, rebased);
        Assert.True(result.OnTheirs.IsEmpty);
        Assert.Equal(theirs, result.OnMine.Apply(Paragraphs));
    }

    [Fact]
    public void NothingOfTheirsStoresMineAsItIs()
    {
        var mine = Paragraphs.Replace("apples", "figs");
        var (result, rebased, _) = Rebased(Paragraphs, mine, theirs: Paragraphs);

        Assert.Equal(mine, rebased);
        Assert.True(result.OnMine.IsEmpty);
    }

    [Fact]
    public void ASurrogatePairIsNeverCutInTwo()
    {
        const string text = "smile 😀 and wave from here";
        var (result, rebased, _) = Rebased(text, mine: "smile 😃 and wave from here", theirs: "smile 😀 and wave from there");

        Assert.True(result.IsClean);
        Assert.Equal("smile 😃 and wave from there", rebased);
        var (same, _, _) = Rebased(text, mine: "smile 😃 and wave from here", theirs: "smile 😄 and wave from here");
        Assert.Equal("😃", Assert.Single(same.Conflicts).Mine);
    }

    [Fact]
    public void ChangeSetsForAnotherTextAreRefused() =>
        Assert.Throws<ArgumentException>(() => Rebase.Of("abc", ChangeSet.Empty(2), ChangeSet.Empty(3)));

    [Fact]
    public void TheRebasedTextIsTheSameFromTheirsAndFromMineAndHoldsEverythingOfTheirs() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), Texts.ToArbitrary(), (baseText, mine, theirs) =>
        {
            var result = Rebase.Of(baseText, ChangeSet.Between(baseText, mine), ChangeSet.Between(baseText, theirs));
            var fromTheirs = result.OnTheirs.Apply(theirs);
            var fromMine = result.OnMine.Apply(mine);
            var conflictsInPlace = result.Conflicts.All(c => fromTheirs.Substring(c.From, c.To - c.From) == c.Theirs);
            return fromTheirs == fromMine && conflictsInPlace && (!result.IsClean || mine != theirs || fromTheirs == theirs);
        }).Check(Config);

    [Fact]
    public void DisjointEditsOfSeparateLinesAlwaysRebaseCleanlyAndKeepBoth() =>
        Prop.ForAll(Gen.Choose(0, 7).ToArbitrary(), Gen.Choose(0, 7).ToArbitrary(), (mineLine, theirsLine) =>
        {
            var lines = Enumerable.Range(0, 8).Select(i => $"line number {i} says hello").ToArray();
            var baseText = string.Join('\n', lines) + "\n";
            var mine = baseText.Replace($"number {mineLine} says", $"number {mineLine} now says");
            var theirs = baseText.Replace($"{theirsLine} says hello", $"{theirsLine} says goodbye");
            var result = Rebase.Of(baseText, ChangeSet.Between(baseText, mine), ChangeSet.Between(baseText, theirs));
            var rebased = result.OnTheirs.Apply(theirs);
            return result.IsClean && rebased == theirs.Replace($"number {mineLine} says", $"number {mineLine} now says");
        }).Check(Config);

    private static (RebaseResult Result, string Rebased, string Theirs) Rebased(string baseText, string mine, string theirs)
    {
        var result = Rebase.Of(baseText, ChangeSet.Between(baseText, mine), ChangeSet.Between(baseText, theirs));
        var rebased = result.OnTheirs.Apply(theirs);
        Assert.Equal(rebased, result.OnMine.Apply(mine));
        return (result, rebased, theirs);
    }
}
