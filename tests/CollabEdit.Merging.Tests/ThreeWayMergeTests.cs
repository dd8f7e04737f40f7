namespace CollabEdit.Merging.Tests;

public sealed class ThreeWayMergeTests
{
    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    private static MergeResult Merge(string @base, string mine, string theirs) => ThreeWayMerge.Merge(@base, mine, theirs);

    [Fact]
    public void ChangesOnDifferentLinesMergeCleanlyWithEachChunkKind()
    {
        var result = Merge(Lines("a", "b", "c", "d", "e", "f", "g"), Lines("a", "B", "c", "d", "e", "F", "g"), Lines("a", "b", "c", "D", "e", "F", "g"));

        Assert.True(result.IsClean);
        Assert.Equal(Lines("a", "B", "c", "D", "e", "F", "g"), result.MergedText);
        Assert.Equal(
            [MergeChunkKind.Unchanged, MergeChunkKind.Mine, MergeChunkKind.Unchanged, MergeChunkKind.Theirs, MergeChunkKind.Unchanged, MergeChunkKind.Same, MergeChunkKind.Unchanged],
            result.Chunks.Select(c => c.Kind));
        Assert.Equal(new MergeCounts(Unchanged: 4, FromMine: 1, FromTheirs: 1, Same: 1, Conflicts: 0), result.Counts);
        var mine = result.Chunks[1];
        Assert.Equal(("b\n", "B\n", "b\n"), (mine.Base, mine.Mine, mine.Theirs));
        Assert.Equal(new LineRange(1, 1), mine.BaseLines);
    }

    [Fact]
    public void DifferentChangesToTheSameLineConflict()
    {
        var result = Merge(Lines("a", "b", "c"), Lines("a", "mine", "c"), Lines("a", "theirs", "c"));

        var conflict = Assert.Single(result.Conflicts);
        Assert.Null(result.MergedText);
        Assert.Equal(("b\n", "mine\n", "theirs\n"), (conflict.Base, conflict.Mine, conflict.Theirs));
        Assert.Equal(0, conflict.ConflictIndex);
    }

    [Fact]
    public void AdjacentEditsConflictAsInGit()
    {
        // Changes on neighbouring lines touch: git treats touching changes as overlapping.
        var result = Merge(Lines("a", "b", "c", "d"), Lines("a", "B", "c", "d"), Lines("a", "b", "C", "d"));

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("b\nc\n", conflict.Base);
        Assert.Equal("B\nc\n", conflict.Mine);
        Assert.Equal("b\nC\n", conflict.Theirs);
    }

    [Fact]
    public void OverlappingButOffsetEditsBecomeOneConflictCoveringBoth()
    {
        var @base = Lines("1", "2", "3", "4", "5", "6", "7", "8");
        var mine = Lines("1", "2", "M3", "M4", "M5", "6", "7", "8");
        var theirs = Lines("1", "2", "3", "T4", "T5", "T6", "T7", "8");

        var conflict = Assert.Single(Merge(@base, mine, theirs).Conflicts);

        Assert.Equal(Lines("3", "4", "5", "6", "7"), conflict.Base);
        Assert.Equal(Lines("M3", "M4", "M5", "6", "7"), conflict.Mine);
        Assert.Equal(Lines("3", "T4", "T5", "T6", "T7"), conflict.Theirs);
    }

    [Fact]
    public void InsertionsAtTheSamePlaceConflictUnlessIdentical()
    {
        var @base = Lines("a", "b");

        var different = Merge(@base, Lines("a", "x", "b"), Lines("a", "y", "b"));
        var identical = Merge(@base, Lines("a", "x", "b"), Lines("a", "x", "b"));

        var conflict = Assert.Single(different.Conflicts);
        Assert.Equal(("", "x\n", "y\n"), (conflict.Base, conflict.Mine, conflict.Theirs));
        Assert.Equal(Lines("a", "x", "b"), identical.MergedText);
        Assert.Contains(identical.Chunks, c => c.Kind == MergeChunkKind.Same && c.Mine == "x\n");
    }

    [Fact]
    public void BothSidesDeletingTheSameLinesIsOneSameChange()
    {
        var result = Merge(Lines("a", "b", "c"), Lines("a", "c"), Lines("a", "c"));

        Assert.Equal(Lines("a", "c"), result.MergedText);
        var same = Assert.Single(result.Chunks, c => c.Kind == MergeChunkKind.Same);
        Assert.Equal(("b\n", "", ""), (same.Base, same.Mine, same.Theirs));
    }

    [Fact]
    public void DeletingLinesTheOtherSideChangedConflicts()
    {
        var conflict = Assert.Single(Merge(Lines("a", "b", "c"), Lines("a", "c"), Lines("a", "B", "c")).Conflicts);

        Assert.Equal(("b\n", "", "B\n"), (conflict.Base, conflict.Mine, conflict.Theirs));
    }

    [Theory]
    [InlineData("", "", "")]
    [InlineData("", "mine\n", "")]
    [InlineData("", "", "theirs\n")]
    [InlineData("base\n", "", "base\n")]
    public void EmptyInputsMergeCleanly(string @base, string mine, string theirs)
    {
        var result = Merge(@base, mine, theirs);

        Assert.True(result.IsClean);
        Assert.Equal(mine == @base ? theirs : mine, result.MergedText);
    }

    [Fact]
    public void BothSidesAddingToAnEmptyBaseConflict()
    {
        var conflict = Assert.Single(Merge("", "mine\n", "theirs\n").Conflicts);

        Assert.Equal(("", "mine\n", "theirs\n"), (conflict.Base, conflict.Mine, conflict.Theirs));
    }

    [Fact]
    public void CrlfAndLfLineEndingsArePreservedAndNeverNormalised()
    {
        var result = Merge("a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n", "a\r\nb\r\nc\r\nd\n");

        Assert.Equal("a\r\nB\r\nc\r\nd\n", result.MergedText);
    }

    [Fact]
    public void ALineEndingChangeIsAChange()
    {
        var result = Merge("a\nb\n", "a\r\nb\n", "a\nb\n");

        Assert.Equal("a\r\nb\n", result.MergedText);
        Assert.Equal(1, result.Counts.FromMine);
    }

    [Fact]
    public void AMissingFinalNewlineIsKept()
    {
        var result = Merge("a\nb", "A\nb", "a\nb");

        Assert.Equal("A\nb", result.MergedText);
    }

    [Fact]
    public void ConflictMarkersEndSidesThatLackAFinalNewline()
    {
        var (text, conflicts) = ThreeWayMerge.MergeWithMarkers("a\nb", "a\nX", "a\nY", new ConflictLabels("o", "b", "t"), diff3: false);

        Assert.Equal(1, conflicts);
        Assert.Equal("a\n<<<<<<< o\nX\n=======\nY\n>>>>>>> t\n", text);
    }

    [Fact]
    public void ConflictMarkersFollowCrlfFiles()
    {
        var (text, _) = ThreeWayMerge.MergeWithMarkers("a\r\nb\r\nc\r\n", "a\r\nB1\r\nc\r\n", "a\r\nB2\r\nc\r\n", new ConflictLabels("ours", "base", "theirs"), diff3: true);

        Assert.Equal("a\r\n<<<<<<< ours\r\nB1\r\n||||||| base\r\nb\r\n=======\r\nB2\r\n>>>>>>> theirs\r\nc\r\n", text);
    }

    [Fact]
    public void LinesBothSidesAgreeOnMoveOutOfAConflict()
    {
        var result = Merge(
            Lines("x", "1", "2", "3", "4", "5", "6", "7", "y"),
            Lines("x", "m1", "2", "3", "4", "5", "6", "m7", "y"),
            Lines("x", "t1", "2", "3", "4", "5", "6", "t7", "y"));

        Assert.Equal(2, result.Counts.Conflicts);
        Assert.Equal(["m1\n", "m7\n"], result.Conflicts.Select(c => c.Mine));
        Assert.Equal(["1\n", "7\n"], result.Conflicts.Select(c => c.Base));
    }

    [Fact]
    public void ConflictsSeparatedByLinesWithoutLettersOrDigitsAreJoined()
    {
        var result = Merge(
            Lines("x", "1", "}", "", "}", "", "7", "y"),
            Lines("x", "m1", "}", "", "}", "", "m7", "y"),
            Lines("x", "t1", "}", "", "}", "", "t7", "y"));

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(Lines("m1", "}", "", "}", "", "m7"), conflict.Mine);
    }

    [Fact]
    public void RefinementSplitsAnOverlapThatOnlyDiffersAtItsEndsAndEagerMergingDoesNot()
    {
        // Both sides rewrote lines 1-7 and agree on the middle five.
        var @base = Lines("x", "1", "2", "3", "4", "5", "6", "7", "y");
        var mine = Lines("x", "m1", "c2", "c3", "c4", "c5", "c6", "m7", "y");
        var theirs = Lines("x", "t1", "c2", "c3", "c4", "c5", "c6", "t7", "y");

        var refined = ThreeWayMerge.Merge(@base, mine, theirs);
        var eager = ThreeWayMerge.Merge(@base, mine, theirs, new MergeOptions(RefineConflicts: false));

        Assert.Equal(["m1\n", "m7\n"], refined.Conflicts.Select(c => c.Mine));
        Assert.Contains(refined.Chunks, c => c.Kind == MergeChunkKind.Same && c.Mine == Lines("c2", "c3", "c4", "c5", "c6"));
        Assert.Equal(Lines("m1", "c2", "c3", "c4", "c5", "c6", "m7"), Assert.Single(eager.Conflicts).Mine);
        Assert.Equal(Lines("1", "2", "3", "4", "5", "6", "7"), Assert.Single(eager.Conflicts).Base);
    }

    [Fact]
    public void VeryLongLinesAndAnyUnicodeMergeExactly()
    {
        var longLine = new string('é', 200_000) + "👋\n";
        var result = Merge(Lines("a", "b") + longLine, Lines("A", "b") + longLine, Lines("a", "b") + longLine + "中文\n");

        Assert.Equal(Lines("A", "b") + longLine + "中文\n", result.MergedText);
    }

    [Fact]
    public void AMergeCanBeCancelled()
    {
        var large = string.Concat(Enumerable.Range(0, 200_000).Select(i => $"line {i}\n"));

        Assert.ThrowsAny<OperationCanceledException>(() => ThreeWayMerge.Merge(large, large + "x\n", "y\n" + large, cancellationToken: new CancellationToken(canceled: true)));
    }
}
