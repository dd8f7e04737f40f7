namespace CollabEdit.Merging.Tests;

/// <summary>Every real merge case: the engine agrees with git merge-file, byte for byte.</summary>
public sealed class GitMergeCaseTests
{
    private static readonly ConflictLabels GitLabels = new("ours", "base", "theirs");

    [Theory]
    [MemberData(nameof(MergeCases.All), MemberType = typeof(MergeCases))]
    public void AgreesWithGitOnWhetherTheCaseMergesCleanly(string name)
    {
        var result = ThreeWayMerge.Merge(MergeCases.Read(name, "base"), MergeCases.Read(name, "ours"), MergeCases.Read(name, "theirs"));

        Assert.Equal(MergeCases.ExpectedStatus(name) == 0, result.IsClean);
        Assert.Equal(MergeCases.ExpectedStatus(name), result.Counts.Conflicts);
    }

    [Theory]
    [MemberData(nameof(MergeCases.All), MemberType = typeof(MergeCases))]
    public void WritesGitsOutputByteForByte(string name)
    {
        var (text, conflicts) = ThreeWayMerge.MergeWithMarkers(
            MergeCases.Read(name, "base"), MergeCases.Read(name, "ours"), MergeCases.Read(name, "theirs"), GitLabels, diff3: false);

        Assert.Equal(MergeCases.ExpectedStatus(name), conflicts);
        Assert.Equal(MergeCases.Read(name, "expected"), text);
    }

    [Theory]
    [MemberData(nameof(MergeCases.All), MemberType = typeof(MergeCases))]
    public void WritesGitsDiff3OutputByteForByte(string name)
    {
        var (text, _) = ThreeWayMerge.MergeWithMarkers(
            MergeCases.Read(name, "base"), MergeCases.Read(name, "ours"), MergeCases.Read(name, "theirs"), GitLabels, diff3: true);

        Assert.Equal(MergeCases.Read(name, "expected.diff3"), text);
    }

    [Theory]
    [MemberData(nameof(MergeCases.All), MemberType = typeof(MergeCases))]
    public void CleanMergesEqualTheChunksConcatenated(string name)
    {
        var result = ThreeWayMerge.Merge(MergeCases.Read(name, "base"), MergeCases.Read(name, "ours"), MergeCases.Read(name, "theirs"));

        Assert.Equal(MergeCases.Read(name, "base"), string.Concat(result.Chunks.Select(c => c.Base)));
        Assert.Equal(MergeCases.Read(name, "ours"), string.Concat(result.Chunks.Select(c => c.Mine)));
        Assert.Equal(MergeCases.Read(name, "theirs"), string.Concat(result.Chunks.Select(c => c.Theirs)));
        if (result.IsClean)
        {
            Assert.Equal(result.MergedText, string.Concat(result.Chunks.Select(c => c.Merged)));
        }
    }
}
