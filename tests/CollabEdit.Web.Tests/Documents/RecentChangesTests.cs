using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>The changes of recent versions, composed for a rebase instead of diffing two texts.</summary>
public sealed class RecentChangesTests
{
    [Fact]
    public void TheLinksFromOneVersionToANewerComposeIntoWhatTurnsItsTextIntoTheNewerOnesWithTheirAuthors()
    {
        var recent = new RecentChanges();
        var id = Guid.NewGuid();
        recent.Add(id, 2, ChangeSet.Of(4, [new TextChange(0, 1, "A")]), "Ana");
        recent.Add(id, 3, ChangeSet.Of(4, [new TextChange(4, 4, "!")]), "Bo");

        Assert.True(recent.TryCompose(id, 1, 3, out var changes, out var authors));

        Assert.Equal("Abc\n!", changes.Apply("abc\n"));
        Assert.Equal(["Ana", "Bo"], authors);
        Assert.Equal(3, recent.NewestKnown(id));
    }

    [Fact]
    public void AMissingLinkOrTooLargeAChangeComposesNothingButIsStillKnownAsANewerVersion()
    {
        var recent = new RecentChanges();
        var id = Guid.NewGuid();
        recent.Add(id, 2, ChangeSet.Of(1, [new TextChange(0, 1, "b")]), "Ana");
        recent.Add(id, 4, ChangeSet.Of(1, [new TextChange(0, 1, new string('x', RecentChanges.MaxChangedCharacters + 1))]), "Bo");

        Assert.False(recent.TryCompose(id, 1, 3, out _, out _));
        Assert.False(recent.TryCompose(id, 3, 4, out _, out _));
        Assert.Equal(4, recent.NewestKnown(id));
        Assert.Equal(0, recent.NewestKnown(Guid.NewGuid()));
    }
}
