using CollabEdit.Web.Features.Editing;
using DiffPlex.DiffBuilder.Model;

namespace CollabEdit.Web.Tests.Editing;

public sealed class RevisionHistoryTests
{
    [Fact]
    public void AComparisonAlignsLinesAndMarksTheChangedWords()
    {
        var comparison = RevisionHistory.Compare("same\nthe quick fox\ngone\n", "same\nthe slow fox\nnew line\nadded\n", 1, 2);

        Assert.Equal((1, 2), (comparison.OldVersion, comparison.NewVersion));
        Assert.Equal(comparison.Old.Count, comparison.New.Count);
        Assert.Equal(ChangeType.Unchanged, comparison.Old[0].Kind);
        var modified = Assert.Single(comparison.New, l => l.Kind == ChangeType.Modified && l.Pieces.Any(p => p.Text == "slow"));
        Assert.True(modified.Pieces.Single(p => p.Text == "slow").Changed);
        Assert.False(modified.Pieces.Single(p => p.Text == " fox").Changed);
        Assert.Contains(comparison.New, l => l.Kind == ChangeType.Inserted && l.Pieces[0].Text == "added");
        Assert.Equal((3, 2), (comparison.Added, comparison.Removed));
    }

    [Fact]
    public void LongUnchangedStretchesAreFoldedAroundTheChanges()
    {
        var lines = Enumerable.Range(1, 100).Select(i => $"line {i}\n").ToList();
        var before = string.Concat(lines);
        lines[49] = "line 50, changed\n";

        var comparison = RevisionHistory.Compare(before, string.Concat(lines), 1, 2);

        // 3 lines of context either side of line 50, the rest folded into two rows.
        Assert.Equal(1 + 3 + 1 + 3 + 1, comparison.New.Count);
        Assert.Equal([47, 48, 50, 53], comparison.New.Skip(1).Take(7).Where((_, i) => i is 0 or 1 or 3 or 6).Select(l => l.Number!.Value));
        Assert.Equal((46, 47), (comparison.New[0].Skipped, comparison.New[^1].Skipped));
        Assert.False(comparison.IsLarge);
    }

    [Fact]
    public void TwoHundredThousandLineVersionsAreComparedInBoundedTimeAndAskBeforeRendering()
    {
        // DiffPlex took 41 s and 21 s of CPU on 100,000 lines, and did not finish 200,000 in 120 s.
        var random = new Random(7);
        var before = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i} {random.Next()}\n"));
        var after = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"{i} {random.Next()}\n"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var comparison = RevisionHistory.Compare(before, after, 1, 2);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal((200_000, 200_000), (comparison.Added, comparison.Removed));
        Assert.True(comparison.IsLarge);
    }
}
