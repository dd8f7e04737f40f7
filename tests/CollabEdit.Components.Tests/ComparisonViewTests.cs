using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Components.Tests;

public sealed class ComparisonViewTests : ComponentTestContext
{
    [Fact]
    public void AHugeComparisonIsNotRenderedUntilTheReaderAsks()
    {
        var before = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"old {i}\n"));
        var after = string.Concat(Enumerable.Range(0, 5_000).Select(i => $"new {i}\n"));
        var comparison = RevisionHistory.Compare(before, after, 1, 2);

        var view = Render<ComparisonView>(p => p.Add(c => c.Comparison, comparison));

        Assert.Empty(view.FindAll("[data-testid=comparison]"));
        Assert.Contains("5,000", view.Find("[data-testid=comparison-large]").TextContent, StringComparison.Ordinal);
        Assert.Equal("+5,000 −5,000 lines", view.Find("[data-testid=comparison-summary]").TextContent.Trim());

        view.Find("[data-testid=comparison-show-all] ").Click();

        Assert.Equal(5_000, view.FindAll("[data-testid=comparison] .ce-side:last-child .ce-chunk-mine").Count);
    }

    [Fact]
    public void FoldedLinesShowHowManyThereAre()
    {
        var lines = Enumerable.Range(1, 40).Select(i => $"line {i}\n").ToArray();
        var before = string.Concat(lines);
        lines[0] = "first, changed\n";

        var view = Render<ComparisonView>(p => p.Add(c => c.Comparison, RevisionHistory.Compare(before, string.Concat(lines), 1, 2)));

        Assert.Equal("\u22EF 36 unchanged lines", view.FindAll(".ce-side:first-child .ce-chunk-gap").Single().TextContent.Trim('\u200B').Trim());
    }
}
