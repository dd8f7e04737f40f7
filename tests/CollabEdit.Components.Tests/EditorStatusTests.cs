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
            .Add(c => c.Head, Head).Add(c => c.Dirty, dirty).Add(c => c.Failed, failed).Add(c => c.MergingWith, mergingWith).Add(c => c.NowUtc, Now));

        Assert.Equal(expected, status.Find("[data-testid=status]").TextContent.Trim());
    }
}
