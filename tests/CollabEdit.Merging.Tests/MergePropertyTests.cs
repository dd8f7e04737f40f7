using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Merging.Tests;

/// <summary>Properties that hold for every merge, checked on thousands of random edits (FsCheck shrinks failures).</summary>
public sealed class MergePropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static void Check(Func<EditedTriple, bool> property) =>
        Prop.ForAll(RandomEdits.Triples.ToArbitrary(), property).Check(Config);

    [Fact]
    public void ChunksRebuildEachOfTheThreeTextsExactly() => Check(t =>
    {
        var result = ThreeWayMerge.Merge(t.BaseText, t.MineText, t.TheirsText);
        return string.Concat(result.Chunks.Select(c => c.Base)) == t.BaseText
            && string.Concat(result.Chunks.Select(c => c.Mine)) == t.MineText
            && string.Concat(result.Chunks.Select(c => c.Theirs)) == t.TheirsText;
    });

    [Fact]
    public void EveryChunkIsWhatItsKindSays() => Check(t => ThreeWayMerge.Merge(t.BaseText, t.MineText, t.TheirsText).Chunks.All(c => c.Kind switch
    {
        MergeChunkKind.Unchanged => c.Base == c.Mine && c.Mine == c.Theirs,
        MergeChunkKind.Mine => c.Theirs == c.Base && c.Mine != c.Base,
        MergeChunkKind.Theirs => c.Mine == c.Base && c.Theirs != c.Base,
        MergeChunkKind.Same => c.Mine == c.Theirs,
        _ => c.Mine != c.Theirs && c.ConflictIndex is not null,
    }));

    [Fact]
    public void NoLineEitherSideAddedIsLostSilently() => Check(t =>
    {
        var (marked, _) = ThreeWayMerge.MergeWithMarkers(t.BaseText, t.MineText, t.TheirsText, ConflictLabels.Default, diff3: false);
        var outputLines = marked.Split('\n').ToHashSet(StringComparer.Ordinal);
        return t.Mine.Except(t.Base).All(outputLines.Contains) && t.Theirs.Except(t.Base).All(outputLines.Contains);
    });

    [Fact]
    public void AMergeWithAnUnchangedSideIsCleanAndTakesTheOtherSide() => Check(t =>
    {
        var onlyMine = ThreeWayMerge.Merge(t.BaseText, t.MineText, t.BaseText);
        var onlyTheirs = ThreeWayMerge.Merge(t.BaseText, t.BaseText, t.TheirsText);
        return onlyMine.MergedText == t.MineText && onlyTheirs.MergedText == t.TheirsText;
    });

    [Fact]
    public void ChoosingMineEverywhereInAMergeOfBaseMineBaseGivesMineBack() => Check(t =>
    {
        var result = ThreeWayMerge.Merge(t.BaseText, t.MineText, t.BaseText);
        return MergeResolution.Resolve(result, Enumerable.Repeat(ConflictChoice.Mine, result.Counts.Conflicts).ToList()) == t.MineText;
    });

    [Fact]
    public void IdenticalEditsMergeCleanlyIntoThatEdit() => Check(t => ThreeWayMerge.Merge(t.BaseText, t.MineText, t.MineText).MergedText == t.MineText);

    [Fact]
    public void ResolvingEveryConflictAsMineOrTheirsMatchesTheMarkedTextWithoutTheOtherSide() => Check(t =>
    {
        var result = ThreeWayMerge.Merge(t.BaseText, t.MineText, t.TheirsText);
        var (marked, conflicts) = ThreeWayMerge.MergeWithMarkers(t.BaseText, t.MineText, t.TheirsText, ConflictLabels.Default, diff3: false);
        var mine = MergeResolution.Resolve(result, Enumerable.Repeat(ConflictChoice.Mine, conflicts).ToList());
        return conflicts == result.Counts.Conflicts && mine == KeepSide(marked, keepMine: true);
    });

    /// <summary>Removes markers and one side from git-style output.</summary>
    private static string KeepSide(string marked, bool keepMine)
    {
        var output = new System.Text.StringBuilder();
        var section = 0; // 0 outside, 1 mine, 2 theirs
        foreach (var line in marked.Split('\n').SkipLast(1))
        {
            if (line.StartsWith("<<<<<<< ", StringComparison.Ordinal)) { section = 1; continue; }
            if (line == "=======" && section == 1) { section = 2; continue; }
            if (line.StartsWith(">>>>>>> ", StringComparison.Ordinal) && section == 2) { section = 0; continue; }
            if (section == 0 || (section == 1) == keepMine)
            {
                output.Append(line).Append('\n');
            }
        }

        return output.ToString();
    }
}
