namespace CollabEdit.Merging.Tests;

public sealed class WordDiffTests
{
    [Fact]
    public void OnlyTheChangedWordsAreMarked()
    {
        var (old, @new) = WordDiff.Compare("The quick brown fox\n", "The slow brown fox\n");

        // Compared as arrays: ImmutableArray's own Equals compares references.
        Assert.Equal([new WordSegment("The ", false), new WordSegment("slow", true), new WordSegment(" brown fox\n", false)], @new.ToArray());
        Assert.Equal([new WordSegment("The ", false), new WordSegment("quick", true), new WordSegment(" brown fox\n", false)], old.ToArray());
    }

    [Fact]
    public void SegmentsRebuildTheTextsExactly()
    {
        const string before = "a, b;  c\r\n(déjà vu) 👋 end";
        const string after = "a; b,  c\n(déjà-vu) 👋👋 end!";

        var (old, @new) = WordDiff.Compare(before, after);

        Assert.Equal(before, string.Concat(old.Select(s => s.Text)));
        Assert.Equal(after, string.Concat(@new.Select(s => s.Text)));
    }

    [Fact]
    public void AConflictIsComparedSideBySideAgainstItsBase()
    {
        var conflict = Assert.Single(ThreeWayMerge.Merge("let x = 1;\n", "let x = 2;\n", "let y = 1;\n").Conflicts);

        var words = WordDiff.ForConflict(conflict);

        Assert.Equal("2", Assert.Single(words.Mine, s => s.Changed).Text);
        Assert.Equal("y", Assert.Single(words.Theirs, s => s.Changed).Text);
        Assert.Equal("1", Assert.Single(words.BaseAgainstMine, s => s.Changed).Text);
        Assert.Equal("x", Assert.Single(words.BaseAgainstTheirs, s => s.Changed).Text);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("", "new\n")]
    [InlineData("old\n", "")]
    public void EmptySidesWork(string before, string after)
    {
        var (old, @new) = WordDiff.Compare(before, after);

        Assert.Equal(before, string.Concat(old.Select(s => s.Text)));
        Assert.All(@new, s => Assert.True(s.Changed));
    }
}
