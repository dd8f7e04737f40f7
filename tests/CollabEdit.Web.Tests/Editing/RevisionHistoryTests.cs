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
        Assert.False(modified.Pieces.Single(p => p.Text == "fox").Changed);
        Assert.Contains(comparison.New, l => l.Kind == ChangeType.Inserted && l.Pieces[0].Text == "added");
    }
}
