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

    /// <summary>How many versions a read lists (small in the paging test, so that a few versions make several pages).</summary>
    private int _pageSize = 100;

    public RevisionPanelTests(RealApp app)
    {
        _app = app;
        Services.AddSingleton(app.Services.GetRequiredService<DocumentService>());
        Services.AddTransient(s => new RevisionHistory(s.GetRequiredService<DocumentService>()) { PageSize = _pageSize });
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task SeveralVersionsByOnePersonAreOneEntryThatOpensAndRestoresFromInside()
    {
        var document = await _app.DocumentWithVersionsAsync("one\n", "two\n", "three\n", "four\n");
        var restored = new List<int>();
        var panel = RenderPanel(document, canRestore: true, restored.Add);

        // The current version stays in view on its own line; the three before it are one entry, folded.
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=history-group]")));
        var current = Assert.Single(panel.FindAll("[data-testid=revision]"));
        Assert.Contains("v4 (current)", current.TextContent, StringComparison.Ordinal);
        var group = panel.Find("[data-testid=history-group]");
        Assert.Matches(@"^Ana, \d\d:\d\d–\d\d:\d\d, 3 versions$", group.QuerySelector(".ce-history-what")!.TextContent);
        Assert.StartsWith("v1–v3 · ", group.QuerySelector(".ce-history-when")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", panel.Find("[data-testid=history-group-toggle]").GetAttribute("aria-expanded"));

        panel.Find("[data-testid=history-group-toggle]").Click();

        Assert.Equal("true", panel.Find("[data-testid=history-group-toggle]").GetAttribute("aria-expanded"));
        var rows = panel.FindAll("[data-testid=revision]");
        Assert.Equal(["v4", "v3", "v2", "v1"], rows.Select(r => r.QuerySelector("strong")!.TextContent));
        Assert.All(rows.Skip(1), r => Assert.Contains("ce-history-inner", r.ClassName, StringComparison.Ordinal));
        rows[2].QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Restore").Click();
        Assert.Equal([2], restored);

        // Versions inside an opened group are compared like any other.
        panel.Find("input[aria-label='Compare v1']").Change(true);
        panel.Find("input[aria-label='Compare v2']").Change(true);
        panel.Find("[data-testid=compare]").Click();
        panel.WaitForAssertion(() => Assert.Equal(["v1", "v2"], panel.FindAll("[data-testid=comparison] .ce-side-title").Select(t => t.TextContent)));

        panel.Find("[data-testid=history-group-toggle]").Click();
        Assert.Single(panel.FindAll("[data-testid=revision]"));

        // What the sitting changed as a whole: v1 (the first version, before nothing) against its last, v3.
        panel.Find("[data-testid=history-group-changes]").Click();
        panel.WaitForAssertion(() => Assert.Equal(["v1", "v3"], panel.FindAll("[data-testid=comparison] .ce-side-title").Select(t => t.TextContent)));
    }

    [Fact]
    public async Task OlderVersionsAreReadAPageAtATime()
    {
        _pageSize = 2;
        var document = await _app.DocumentWithVersionsAsync("one\n", "two\n", "three\n", "four\n", "five\n");
        var panel = RenderPanel(document, canRestore: true, _ => { });

        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=revision]").Count));
        Assert.Empty(panel.FindAll("[data-testid=history-group]"));

        panel.Find("[data-testid=history-older]").Click();
        panel.WaitForAssertion(() => Assert.Contains("3 versions", panel.Find("[data-testid=history-group]").TextContent, StringComparison.Ordinal));
        panel.Find("[data-testid=history-older]").Click();
        panel.WaitForAssertion(() => Assert.Contains("4 versions", panel.Find("[data-testid=history-group]").TextContent, StringComparison.Ordinal));

        Assert.Empty(panel.FindAll("[data-testid=history-older]"));
        panel.Find("[data-testid=history-group-toggle]").Click();
        Assert.Equal(["v5", "v4", "v3", "v2", "v1"], panel.FindAll("[data-testid=revision] strong").Select(s => s.TextContent));
    }

    [Fact]
    public async Task AVersionShownCanBeClosed()
    {
        var document = await _app.DocumentWithVersionsAsync("the first text\n", "the second text\n");
        var panel = RenderPanel(document, canRestore: true, _ => { });
        panel.WaitForAssertion(() => Assert.Equal(2, panel.FindAll("[data-testid=revision]").Count));

        panel.FindAll("[data-testid=revision]")[1].QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "View").Click();
        panel.WaitForAssertion(() => Assert.Equal("the first text\n", panel.Find("[data-testid=revision-text]").TextContent));
        panel.Find("[data-testid=history-viewer-close]").Click();

        Assert.Empty(panel.FindAll("[data-testid=history-viewer]"));
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
