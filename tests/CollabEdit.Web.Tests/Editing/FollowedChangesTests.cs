using CollabEdit.Merging;
using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Editing;

/// <summary>When an open editor may be moved to a newer version by changes instead of the whole text.</summary>
public sealed class FollowedChangesTests
{
    [Fact]
    public void ASmallChangeToATextWithOnlyNewlinesIsSentAsChanges() =>
        Assert.True(FollowedChanges.CanSend("one\ntwo\n", ChangeSet.Between("one\ntwo\n", "one\n2\n")));

    [Fact]
    public void AShownTextWithACarriageReturnIsNeverChangedByPositions() =>
        Assert.False(FollowedChanges.CanSend("one\r\ntwo\r\n", ChangeSet.Between("one\r\ntwo\r\n", "one\r\n2\r\n")));

    [Fact]
    public void AnInsertedCarriageReturnGoesAsText() =>
        Assert.False(FollowedChanges.CanSend("one\n", ChangeSet.Between("one\n", "one\r\ntwo\r\n")));

    [Fact]
    public void ChangesForATextOfAnotherLengthAreNotSent() =>
        Assert.False(FollowedChanges.CanSend("one\n", ChangeSet.Between("one\ntwo\n", "one\n")));

    [Fact]
    public void AChangeWhoseJsonIsOverTheBoundGoesAsTextAndOneJustUnderIsSent()
    {
        // "[[0,\"…\"]]" wraps the inserted text in 8 bytes.
        var fits = new string('x', FollowedChanges.MaxJsonBytes - 8);
        var over = fits + "x";

        Assert.True(FollowedChanges.CanSend("", ChangeSet.Of(0, [new TextChange(0, 0, fits)])));
        Assert.False(FollowedChanges.CanSend("", ChangeSet.Of(0, [new TextChange(0, 0, over)])));
    }

    [Fact]
    public void ALargeDeletionIsSmallAsChanges()
    {
        var shown = new string('x', 5_000_000) + "\n";

        Assert.True(FollowedChanges.CanSend(shown, ChangeSet.Between(shown, "\n")));
    }
}
