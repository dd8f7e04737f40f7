using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Components.Tests;

public sealed class EditorStatusTests : ComponentTestContext
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static readonly Document Head = new()
    {
        Id = Guid.NewGuid(), Slug = "plan", Title = "Plan", CurrentVersion = 7, UpdatedAt = Now.AddMinutes(-2), UpdatedBy = "Ana",
    };

    [Theory]
    [InlineData(false, false, null, "v7 · saved 2 min ago by Ana")]
    [InlineData(true, false, null, "v7 · unsaved changes (kept in this browser)")]
    [InlineData(true, true, null, "v7 · not saved (kept in this browser)")]
    [InlineData(true, false, 9, "v7 · merging with v9, not saved yet")]
    public void TheStatusLineSaysSavedOnlyWhenNothingIsWaiting(bool dirty, bool failed, int? mergingWith, string expected)
    {
        var status = Render<EditorStatus>(p => p
            .Add(c => c.Head, Head).Add(c => c.Dirty, dirty).Add(c => c.Failed, failed).Add(c => c.MergingWith, mergingWith)
            .Add(c => c.Autosave, true).Add(c => c.NowUtc, Now));

        Assert.Equal(expected, status.Find("[data-testid=status]").TextContent.Trim());
    }

    [Theory]
    [InlineData(true, true, false, false, 0, "v7 · saving…")]
    [InlineData(false, true, false, false, 0, "v7 · saved 2 min ago by Ana")]
    [InlineData(true, false, true, true, 0, "v7 · offline — kept in this browser")]
    [InlineData(false, false, false, false, 1, "v7 · 1 conflict to resolve")]
    [InlineData(true, true, false, false, 3, "v7 · 3 conflicts to resolve")]
    public void WithAutosaveItSaysSavingOfflineAndOpenConflicts(bool dirty, bool saving, bool failed, bool offline, int conflicts, string expected)
    {
        var status = Render<EditorStatus>(p => p
            .Add(c => c.Head, Head).Add(c => c.Dirty, dirty).Add(c => c.Saving, saving).Add(c => c.Failed, failed).Add(c => c.Offline, offline)
            .Add(c => c.Conflicts, conflicts).Add(c => c.Autosave, true).Add(c => c.NowUtc, Now));

        var line = status.Find("[data-testid=status]");
        Assert.Equal(expected, line.TextContent.Trim());
        Assert.Equal("status", line.GetAttribute("role"));
    }

    [Fact]
    public void WithAutosaveOffUnsavedChangesSayThatNothingWillSaveThemByItself()
    {
        var status = Render<EditorStatus>(p => p
            .Add(c => c.Head, Head).Add(c => c.Dirty, true).Add(c => c.Autosave, false).Add(c => c.NowUtc, Now));

        Assert.Equal("v7 · autosave off · unsaved changes (kept in this browser)", status.Find("[data-testid=status]").TextContent.Trim());
    }

    [Fact]
    public void AChangeOfStateChangesTheLinesClassAndWordsButNotItsIcons()
    {
        // While people type the line changes state several times a second: each change must cost its class and words on
        // the wire, not a new SVG icon.
        var status = Render<EditorStatus>(p => p
            .Add(c => c.Head, Head).Add(c => c.Dirty, true).Add(c => c.Saving, true).Add(c => c.Autosave, true).Add(c => c.NowUtc, Now));
        var icons = status.FindAll("svg").Select(icon => icon.OuterHtml).ToList();
        Assert.Contains("ce-status-saving", status.Find("[data-testid=status]").ClassName, StringComparison.Ordinal);
        Assert.Single(status.FindAll("svg.ce-status-icon-saving"));

        status.Render(p => p.Add(c => c.Dirty, false).Add(c => c.Saving, false));

        Assert.Contains("ce-status-saved", status.Find("[data-testid=status]").ClassName, StringComparison.Ordinal);
        Assert.Equal(icons, status.FindAll("svg").Select(icon => icon.OuterHtml).ToList());
        Assert.Single(status.FindAll("svg.ce-status-icon-saved"));
    }
}
