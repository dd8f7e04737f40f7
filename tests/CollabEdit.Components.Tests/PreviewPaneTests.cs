using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabEdit.Components.Tests;

/// <summary>
/// The live preview: told by the browser that the editor's text changed, it has the text uploaded (the real
/// <see cref="EditorUploads"/>, the browser's part played here) and renders it through SafeMarkdown.
/// </summary>
public sealed class PreviewPaneTests : ComponentTestContext
{
    private readonly EditorUploads _uploads = new(TimeProvider.System);
    private readonly BunitJSModuleInterop _module;
    private readonly JSRuntimeInvocationHandler<int> _upload;

    public PreviewPaneTests()
    {
        Services.AddSingleton(_uploads);
        Services.AddSingleton(Options.Create(new DocumentLimits { MaxContentBytes = 1_000 }));
        _module = JSInterop.SetupModule("/assets/preview.js");
        _module.Setup<int>("watch", _ => true).SetResult(1);
        _upload = _module.Setup<int>("upload", _ => true);
    }

    [Fact]
    public async Task ItRendersTheEditorsTextAndFollowsItAsItChanges()
    {
        _upload.SetResult(204);
        var pane = Render<PreviewPane>();
        _module.VerifyInvoke("watch");

        await ChangeToAsync(pane, "# Notes\n\nFirst [link](https://example.org).\n");
        pane.WaitForAssertion(() => Assert.Equal("Notes", pane.Find("[data-testid=preview] h1").TextContent));

        await ChangeToAsync(pane, "# Notes\n\n> quoted\n\n- [x] done\n- [ ] to do\n");

        pane.WaitForAssertion(() => Assert.Equal("quoted", pane.Find("[data-testid=preview] blockquote p").TextContent));
        var boxes = pane.FindAll("[data-testid=preview] li.task-list-item input[type=checkbox]");
        Assert.Equal(2, boxes.Count);
        Assert.All(boxes, box => Assert.True(box.HasAttribute("disabled")));
        Assert.True(boxes[0].HasAttribute("checked"));
        Assert.Empty(pane.FindAll("[data-testid=preview] a"));
    }

    [Fact]
    public async Task RawHtmlInTheTextIsShownAsTextNeverRun()
    {
        _upload.SetResult(204);
        var pane = Render<PreviewPane>();

        await ChangeToAsync(pane, "<script>alert(1)</script> and [x](javascript:alert(1))");

        pane.WaitForAssertion(() => Assert.Contains("<script>", pane.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal));
        Assert.Empty(pane.FindAll("[data-testid=preview] script"));
        Assert.Equal("#", pane.Find("[data-testid=preview] a").GetAttribute("href"));
    }

    [Fact]
    public async Task ATextOverTheLiveSizeIsRenderedOnceThenOnRefresh()
    {
        _upload.SetResult(204);
        var pane = Render<PreviewPane>(p => p.Add(c => c.LiveUpTo, 10));
        await ChangeToAsync(pane, "# A first text, longer than ten\n");
        pane.WaitForAssertion(() => Assert.Contains("A first text", pane.Find("[data-testid=preview] h1").TextContent, StringComparison.Ordinal));

        await pane.InvokeAsync(() => pane.Instance.TextChanged(40));

        Assert.Single(_upload.Invocations);
        Assert.Contains("A first text", pane.Find("[data-testid=preview] h1").TextContent, StringComparison.Ordinal);
        Assert.NotNull(pane.Find("[data-testid=preview-stale]"));
        var refreshed = pane.InvokeAsync(() => pane.Find("[data-testid=preview-refresh]").Click());
        await DeliverAsync(pane, 2, "# The second text, longer still\n");
        await refreshed;
        pane.WaitForAssertion(() => Assert.Contains("The second text", pane.Find("[data-testid=preview] h1").TextContent, StringComparison.Ordinal));
        Assert.Empty(pane.FindAll("[data-testid=preview-stale]"));
    }

    [Fact]
    public async Task ATextOverTheSizeLimitSaysSoInsteadOfRendering()
    {
        _upload.SetResult(413);
        var pane = Render<PreviewPane>();

        await pane.InvokeAsync(() => pane.Instance.TextChanged(5_000));

        pane.WaitForAssertion(() => Assert.Equal("The text is over the size limit: no preview.", pane.Find("[data-testid=preview]").TextContent.Trim()));
    }

    [Fact]
    public async Task AnUploadThatFailsKeepsTheLastRenderingMarkedAsNotUpToDate()
    {
        _upload.SetResult(204);
        var pane = Render<PreviewPane>();
        await ChangeToAsync(pane, "kept text");
        pane.WaitForAssertion(() => Assert.Contains("kept text", pane.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal));

        _upload.SetException(new Microsoft.JSInterop.JSException("Failed to fetch"));
        await pane.InvokeAsync(() => pane.Instance.TextChanged(20));

        Assert.Contains("kept text", pane.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(pane.Find("[data-testid=preview-failed]"));
        Assert.NotNull(pane.Find("[data-testid=preview-refresh]"));
    }

    /// <summary>The browser's part: says the text changed, then uploads it when asked.</summary>
    private async Task ChangeToAsync(IRenderedComponent<PreviewPane> pane, string text)
    {
        var uploads = _upload.Invocations.Count;
        var changed = pane.InvokeAsync(() => pane.Instance.TextChanged(text.Length));
        await DeliverAsync(pane, uploads + 1, text);
        await changed;
    }

    /// <summary>Waits for the <paramref name="nth"/> upload the pane asked for and delivers <paramref name="text"/> with its token.</summary>
    private Task DeliverAsync(IRenderedComponent<PreviewPane> pane, int nth, string text)
    {
        pane.WaitForAssertion(() => Assert.Equal(nth, _upload.Invocations.Count));
        var url = (string)_upload.Invocations["upload"][nth - 1].Arguments[0]!;
        Assert.True(_uploads.Deliver(url[(url.LastIndexOf('/') + 1)..], text));
        return Task.CompletedTask;
    }
}
