using Xunit.Abstractions;

namespace CollabEdit.Merging.Tests;

public sealed class WordDiffTests(ITestOutputHelper output)
{
    /// <summary>Two unrelated texts of <paramref name="words"/> words each, on lines of 12 words: the worst case for a word diff.</summary>
    private static (string Old, string New) Unrelated(int words)
    {
        var random = new Random(words);
        string Text() => string.Concat(Enumerable.Range(0, words).Select(i => $"w{random.Next(1_000_000)}{(i % 12 == 11 ? "\n" : " ")}"));
        return (Text(), Text());
    }

    [Fact]
    public void AComparisonAtTheWordLimitStaysWordLevel()
    {
        var (before, after) = Unrelated(WordDiff.MaxWords / 4 - 1);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (old, @new) = WordDiff.Compare(before, after);

        output.WriteLine($"{WordDiff.MaxWords / 4 - 1} words a side, word level: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(before, string.Concat(old.Select(s => s.Text)));
        Assert.Contains(@new, s => !s.Changed && s.Text.Trim().Length == 0 && !s.Text.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void AHugeComparisonFallsBackToWholeLinesAndStaysFast()
    {
        // 100,000 words a side took 32 s word by word; past the limit, whole changed lines are marked instead.
        var (before, after) = Unrelated(100_008);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var (old, @new) = WordDiff.Compare(before, after + "one more line\n");

        output.WriteLine($"100,008 words a side, line level: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(after + "one more line\n", string.Concat(@new.Select(s => s.Text)));
        Assert.All(@new.Concat(old), segment => Assert.EndsWith("\n", segment.Text, StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

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
