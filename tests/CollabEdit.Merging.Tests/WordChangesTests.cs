using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Merging.Tests;

/// <summary>
/// Changes between two texts made word by word: they rebuild the new text exactly, and the words that did not change
/// are never inside a change (a caret on them, mapped through the changes, stays where it is).
/// </summary>
public sealed class WordChangesTests
{
    private static readonly Gen<string> Texts =
        Gen.ListOf(Gen.Elements("a", "bc", "word", " ", "\n", "\r\n", "😀", "é", ".", "x y", "ab")).Select(parts => string.Concat(parts.Take(40)));

    [Fact]
    public void TheChangesTurnTheOldTextIntoTheNewOneForAnyTexts() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), (before, after) =>
        {
            var changes = WordChanges.Between(before, after);
            return changes.Length == before.Length && changes.Apply(before) == after;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));

    [Fact]
    public void WordsBetweenTwoEditsAreNotInsideAnyChange()
    {
        const string before = "We meet at nine on week. Lunch is at the market near the old . We take the tram home.";
        const string after = "We meet at nine on weekdays and at ten. Lunch is at the market near the old . We take the tram home after dinner.";

        var changes = WordChanges.Between(before, after);

        Assert.Equal(after, changes.Apply(before));
        var untouchedFrom = before.IndexOf(". Lunch", StringComparison.Ordinal);
        var untouchedTo = before.IndexOf(" home", StringComparison.Ordinal);
        Assert.All(changes.Changes, change => Assert.True(change.To <= untouchedFrom || change.From >= untouchedTo,
            $"[{change.From}, {change.To}) → \"{change.Insert}\" covers words neither side changed."));
    }

    [Fact]
    public void AWordThatGrewIsWhatWasTypedAfterIt()
    {
        var change = Assert.Single(WordChanges.Between("on week.", "on weekdays.").Changes);

        Assert.Equal(new TextChange(7, 7, "days"), change);
    }

    [Fact]
    public void IdenticalTextsHaveNoChanges() => Assert.True(WordChanges.Between("same words", "same words").IsEmpty);
}
