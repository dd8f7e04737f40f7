using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Realtime;

namespace CollabEdit.Components.Tests;

public sealed class PresenceBarTests : ComponentTestContext
{
    [Fact]
    public void EveryoneWithTheDocumentOpenIsShownAndWhoIsTyping()
    {
        var presence = new Presence(Guid.NewGuid(), [new Viewer("Ana", 1, Typing: true), new Viewer("Bo", 2, Typing: false)]);

        var bar = Render<PresenceBar>(p => p.Add(c => c.Presence, presence));

        Assert.Equal("Open here: Ana (typing…), Bo", bar.Find("[data-testid=presence]").TextContent);
        Assert.Equal(["Ana · typing…", "Bo"], bar.FindAll("[data-testid=viewer] .mud-chip-content").Select(c => c.TextContent.Trim()).ToArray());
    }

    [Fact]
    public void NobodyMeansNoBar()
    {
        var bar = Render<PresenceBar>(p => p.Add(c => c.Presence, new Presence(Guid.NewGuid(), [])));

        Assert.Empty(bar.FindAll("[data-testid=presence-bar]"));
    }
}
