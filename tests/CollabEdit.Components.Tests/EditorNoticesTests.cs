using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Realtime;

namespace CollabEdit.Components.Tests;

public sealed class EditorNoticesTests : ComponentTestContext
{
    [Fact]
    public void AnIncomingVersionOffersItsChangesAndAnUpdateOfTheDraft()
    {
        var shown = 0;
        var updated = 0;
        var bump = new VersionBump(Guid.NewGuid(), 7, "\"x\"", "Ana", DateTime.UtcNow, 1, 0);

        var notices = Render<EditorNotices>(p => p
            .Add(c => c.Incoming, bump).Add(c => c.BaseVersion, 5)
            .Add(c => c.OnShowChanges, () => shown++).Add(c => c.OnUpdateDraft, () => updated++).Add(c => c.OnDiscardDraft, () => { }));
        notices.Find("[data-testid=show-changes]").Click();
        notices.Find("[data-testid=update-draft]").Click();

        Assert.Contains("v7 saved by Ana; your draft is based on v5.", notices.Find("[data-testid=incoming]").TextContent, StringComparison.Ordinal);
        Assert.Equal((1, 1), (shown, updated));
    }

    [Fact]
    public void AnErrorIsAnAlertAndARestoredDraftCanBeDiscarded()
    {
        var discarded = 0;

        var notices = Render<EditorNotices>(p => p
            .Add(c => c.Error, "Not saved: the document is too large.").Add(c => c.Notice, "Your unsaved draft was restored.").Add(c => c.CanDiscardDraft, true)
            .Add(c => c.OnShowChanges, () => { }).Add(c => c.OnUpdateDraft, () => { }).Add(c => c.OnDiscardDraft, () => discarded++));
        notices.Find("[data-testid=discard-draft]").Click();

        Assert.Equal("alert", notices.Find("[data-testid=error]").GetAttribute("role"));
        Assert.Contains("too large", notices.Find("[data-testid=error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, discarded);
        Assert.Empty(notices.FindAll("[data-testid=incoming]"));
    }

    [Fact]
    public void NoDiscardButtonUnlessTheDraftCameBack()
    {
        var notices = Render<EditorNotices>(p => p
            .Add(c => c.Notice, "Saved as v8.").Add(c => c.OnShowChanges, () => { }).Add(c => c.OnUpdateDraft, () => { }).Add(c => c.OnDiscardDraft, () => { }));

        Assert.Empty(notices.FindAll("[data-testid=discard-draft]"));
        Assert.Empty(notices.FindAll("[data-testid=error]"));
    }
}
