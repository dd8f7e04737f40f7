using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Merging.Tests;

/// <summary>Change sets: the difference between two texts, applied, composed and sent in CodeMirror's JSON form.</summary>
public sealed class ChangeSetTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    // Texts made of a few short lines over a small alphabet, with CRLF, surrogate pairs and no final newline mixed in.
    private static readonly Gen<string> Texts =
        Gen.ListOf(Gen.Elements("a", "b", "ab", "\n", "\r\n", "😀", "é", " ", "{", "}")).Select(parts => string.Concat(parts.Take(40)));

    [Fact]
    public void TheChangesBetweenTwoTextsTurnTheFirstIntoTheSecond() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), (before, after) => ChangeSet.Between(before, after).Apply(before) == after).Check(Config);

    [Fact]
    public void ComposingTwoChangeSetsEqualsApplyingOneAfterTheOther() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), Texts.ToArbitrary(), (a, b, c) =>
        {
            var composed = ChangeSet.Between(a, b).Compose(ChangeSet.Between(b, c));
            return composed.Apply(a) == c && composed.Length == a.Length && composed.NewLength == c.Length;
        }).Check(Config);

    [Fact]
    public void AChangeSetSurvivesItsJsonForm() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), (before, after) =>
        {
            var changes = ChangeSet.Between(before, after);
            return ChangeSetJson.Parse(ChangeSetJson.ToJson(changes)).Apply(before) == after;
        }).Check(Config);

    [Fact]
    public void NoChangeEverCutsASurrogatePair() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), (before, after) =>
            ChangeSet.Between(before, after).Changes.All(c => !Splits(before, c.From) && !Splits(before, c.To))).Check(Config);

    [Fact]
    public void TheChangesBetweenTwoTextsTurnTheFirstIntoTheSecondAndNoOtherText() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), (before, after) =>
        {
            var changes = ChangeSet.Between(before, after);
            return changes.Turns(before, after) && (before == after || !changes.Turns(before, before)) && !changes.Turns(before, after + "x");
        }).Check(Config);

    [Fact]
    public void LinesCountedOnTheChangedLinesAloneAddUpToTheTextsLineCounts() =>
        Prop.ForAll(Texts.ToArbitrary(), Texts.ToArbitrary(), (before, after) =>
        {
            var (added, removed) = LineChanges.Count(before, ChangeSet.Between(before, after));
            return added - removed == Lines(after) - Lines(before);
        }).Check(Config);

    [Fact]
    public void AOneWordEditOfALargeTextCountsOneLineChanged()
    {
        var before = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"Line {i} of a long handbook.\n"));
        var after = before.Replace("Line 25000 of", "Line 25000 in", StringComparison.Ordinal).Replace("Line 7 of", "Line 7\nof", StringComparison.Ordinal);

        Assert.Equal((3, 2), LineChanges.Count(before, ChangeSet.Between(before, after)));
        Assert.Equal(LineChanges.Count(before, after), LineChanges.Count(before, ChangeSet.Between(before, after)));
    }

    [Fact]
    public void OneWordChangedInALargeTextIsOneSmallChange()
    {
        var before = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"Line {i} of a long handbook.\n"));
        var after = before.Replace("Line 25000 of", "Line 25000 in", StringComparison.Ordinal);

        var changes = ChangeSet.Between(before, after);

        var change = Assert.Single(changes.Changes);
        Assert.Equal("in", change.Insert);
        Assert.Equal(2, change.Removed);
        Assert.Equal(after, changes.Apply(before));
    }

    [Fact]
    public void ScatteredEditsInALargeTextAreSeparateChanges()
    {
        var lines = Enumerable.Range(0, 10_000).Select(i => $"Line {i}.\n").ToArray();
        var before = string.Concat(lines);
        lines[10] = "Line ten.\n";
        lines[9_000] = "Line nine thousand.\n";
        var after = string.Concat(lines);

        var changes = ChangeSet.Between(before, after);

        Assert.Equal(2, changes.Changes.Length);
        Assert.True(changes.ChangedSize < 64, $"changed size {changes.ChangedSize}");
        Assert.Equal(after, changes.Apply(before));
    }

    [Fact]
    public void CodeMirrorsJsonFormIsReadAsCodeMirrorWritesIt()
    {
        // ChangeSet.of([{from: 2, to: 3, insert: "X\nY"}, {from: 5, insert: "!"}], 7).toJSON() in @codemirror/state.
        var changes = ChangeSetJson.Parse("""[2,[1,"X","Y"],2,[0,"!"],2]""");

        Assert.Equal(7, changes.Length);
        Assert.Equal("abX\nYde!fg", changes.Apply("abcdefg"));
        Assert.Equal("""[2,[1,"X","Y"],2,[0,"!"],2]""", ChangeSetJson.ToJson(changes));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""[-1]""")]
    [InlineData("""[["x"]]""")]
    [InlineData("""[1, "a"]""")]
    [InlineData("""[1, [2, 3]]""")]
    [InlineData("not json")]
    public void AnythingElseIsNotAChangeSet(string json) => Assert.Throws<FormatException>(() => ChangeSetJson.Parse(json));

    [Fact]
    public void ChangesOutOfOrderOrSplittingACharacterAreRefused()
    {
        Assert.Throws<FormatException>(() => ChangeSet.Of(5, [new TextChange(3, 4, "x"), new TextChange(1, 2, "y")]));
        Assert.Throws<FormatException>(() => ChangeSet.Of(5, [new TextChange(4, 6, "x")]));
        Assert.Throws<FormatException>(() => ChangeSet.Of(2, [new TextChange(1, 1, "x")], "😀"));
        Assert.Throws<FormatException>(() => ChangeSet.Of(2, [new TextChange(0, 0, "\ud800")]));
    }

    [Fact]
    public void ApplyingToATextOfAnotherLengthIsRefused() =>
        Assert.Throws<ArgumentException>(() => ChangeSet.Between("abc", "abd").Apply("abcd"));

    private static int Lines(string text) => text.Count(c => c == '\n') + (text.Length > 0 && text[^1] != '\n' ? 1 : 0);

    private static bool Splits(string text, int position) =>
        position > 0 && position < text.Length && char.IsHighSurrogate(text[position - 1]) && char.IsLowSurrogate(text[position]);
}
