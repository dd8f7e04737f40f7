using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CollabEdit.Components.Tests;

/// <summary>The history panel on the real documents core and a real SQLite file (the app's own services).</summary>
public sealed class RevisionPanelTests : ComponentTestContext, IClassFixture<RealApp>
{
    private readonly RealApp _app;

    public RevisionPanelTests(RealApp app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<DocumentService>());
        Services.AddTransient<RevisionHistory>();
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task TwoSelectedVersionsAreComparedWithTheChangedWordsMarked()
    {
        var document = await _app.DocumentWithVersionsAsync("first line\nsecond line\n", "first line\nsecond line, changed\n");
        var panel = RenderPanel(document, canRestore: true, _ => { });
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=revision]").Count));
        Assert.True(panel.Find("[data-testid=compare]").HasAttribute("disabled"));

        foreach (var box in panel.FindAll("[data-testid=revision] input[type=checkbox]").ToList())
        {
            box.Change(true);
        }

        panel.Find("[data-testid=compare]").Click();

        panel.WaitForAssertion(() => Assert.Contains(panel.FindAll("[data-testid=comparison] .ce-word-changed"), w => w.TextContent.Contains("changed", StringComparison.Ordinal)));
        Assert.Contains("removed", panel.Find(".ce-legend").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestoreIsOfferedForOlderVersionsOnlyAndOnlyWhenAllowed()
    {
        var document = await _app.DocumentWithVersionsAsync("one\n", "two\n");
        var restored = new List<int>();

        var allowed = RenderPanel(document, canRestore: true, restored.Add);
        allowed.WaitForAssertion(() => Assert.Equal(2, allowed.FindAll("[data-testid=revision]").Count));
        var restoreButtons = allowed.FindAll("button").Where(b => b.TextContent.Trim() == "Restore").ToList();
        Assert.Single(restoreButtons);
        restoreButtons[0].Click();
        Assert.Equal([1], restored);

        var refused = RenderPanel(document, canRestore: false, restored.Add);
        refused.WaitForAssertion(() => Assert.Equal(2, refused.FindAll("[data-testid=revision]").Count));
        Assert.True(refused.FindAll("button").Single(b => b.TextContent.Trim() == "Restore").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TimesAreShownInTheReadersZone()
    {
        var document = await _app.DocumentWithVersionsAsync("one\n");
        var lisbon = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

        var panel = RenderPanel(document, canRestore: true, _ => { }, lisbon);

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=revision]")));
        var local = TimeZoneInfo.ConvertTimeFromUtc(document.UpdatedAt, lisbon).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(local, panel.Find("[data-testid=revision]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<RevisionPanel> RenderPanel(Document document, bool canRestore, Action<int> onRestore, TimeZoneInfo? zone = null) =>
        Render<RevisionPanel>(p => p
            .Add(c => c.DocumentId, document.Id)
            .Add(c => c.CurrentVersion, document.CurrentVersion)
            .Add(c => c.Actor, _app.Ana)
            .Add(c => c.CanRestore, canRestore)
            .Add(c => c.OnRestore, onRestore)
            .Add(c => c.TimeZone, zone ?? TimeZoneInfo.Utc));
}
