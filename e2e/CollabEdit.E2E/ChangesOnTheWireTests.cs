using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CollabEdit.E2E;

/// <summary>
/// A small edit of a 5 MB document costs what changed on the wire: the saving browser sends its changes, and a second
/// open editor follows by receiving the changes, applied in place (its caret and selection mapped, not reset). Bytes
/// are counted through the DevTools protocol, for the save and for the follow separately.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class ChangesOnTheWireTests(AppFixture app, ITestOutputHelper output)
{
    private const int Limit = 5 * 1024 * 1024;
    private const long Budget = 8 * 1024;

    [Fact]
    public async Task ASmallEditOfAFiveMegabyteDocumentIsSavedAndFollowedInUnderEightKilobytesEach()
    {
        var original = RealText.OfSize(Limit - 1024);
        var document = await app.CreateDocumentAsync("Five megabytes, one word", original);
        var slug = document.GetProperty("slug").GetString()!;
        // Ana saves by hand (autosave off): the bytes of one save of one word are what is measured. Bo only follows.
        var ana = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        await EditorDriver.ExpectTextAsync(ana, original, 30_000);
        await EditorDriver.ExpectTextAsync(bo, original, 30_000);

        // Bo reads further down, with a few words selected (his tab in front: a hidden tab does not lay out); Ana types near the top.
        await bo.BringToFrontAsync();
        await bo.EvaluateAsync($"() => {{ const view = {Editor}.view; view.scrollDOM.scrollTop = view.scrollDOM.scrollHeight / 2; }}");

        // Once CodeMirror has measured the lines it shows (their heights were estimates until then), the view is still.
        await bo.WaitForFunctionAsync(
            $"() => {{ const top = ({TopLine})(); const still = top === window.lastTopLine; window.lastTopLine = top; return still && top > 1000; }}",
            null, new() { PollingInterval = 300, Timeout = 15_000 });
        var anchor = await bo.EvaluateAsync<int>(
            $"() => {{ const view = {Editor}.view; const anchor = view.state.doc.line(({TopLine})() + 5).from + 4; view.focus(); view.dispatch({{ selection: {{ anchor, head: anchor + 12 }} }}); return anchor; }}");
        var selected = (Anchor: anchor, Head: anchor + 12);
        var boTopLine = await TopLineAsync(bo);
        const string Word = "quick ";
        var at = original.IndexOf('\n', 1000) + 1;
        await EditorDriver.SetCaretAsync(ana, at);
        await ana.Keyboard.TypeAsync(Word, new() { Delay = Typing.KeyDelayMs });
        var expected = original.Insert(at, Word);
        await EditorDriver.ExpectTextAsync(ana, expected);

        var anaWire = await WireMeter.AttachAsync(ana);
        var boWire = await WireMeter.AttachAsync(bo);
        anaWire.Reset();
        boWire.Reset();
        await ana.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(ana.Locator("[data-testid=status]")).ToContainTextAsync("v2 · saved", new() { Timeout = 30_000 });
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v2", new() { Timeout = 30_000 });
        await EditorDriver.ExpectTextAsync(bo, expected, 30_000);
        await ana.WaitForTimeoutAsync(500); // what follows the save on screen (notices, presence) is counted too

        output.WriteLine($"Save (Ana sent): {anaWire.Sent} bytes; Ana received {anaWire.Received}.\n{anaWire.Log}");
        output.WriteLine($"Follow (Bo received): {boWire.Received} bytes; Bo sent {boWire.Sent}.\n{boWire.Log}");
        Assert.Equal(0, anaWire.UnmeasuredBodies);
        Assert.True(anaWire.Sent <= Budget, $"The save sent {anaWire.Sent} bytes.");
        Assert.True(boWire.Received <= Budget, $"The follow received {boWire.Received} bytes.");

        // Both hold the same text as the server; Bo's selection moved with the text, and the view did not jump.
        Assert.Equal(expected, (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
        await EditorDriver.ExpectTextAsync(ana, expected);
        var selection = await bo.EvaluateAsync<int[]>($"() => {{ const s = {Editor}.view.state.selection.main; return [s.anchor, s.head]; }}");
        Assert.Equal([selected.Anchor + Word.Length, selected.Head + Word.Length], selection);
        Assert.Equal(boTopLine, await TopLineAsync(bo));
        await Assertions.Expect(bo.Locator("[data-testid=status]")).Not.ToContainTextAsync("unsaved");
        await AppFixture.ScreenshotAsync(bo, "editor-5mb-followed-by-changes", fullPage: false);
    }

    private const string Editor = "document.querySelector('[data-testid=editor]').editor";

    /// <summary>A function answering the number of the line at the top of the editor's visible area.</summary>
    private const string TopLine =
        $"() => {{ const view = {Editor}.view; const height = view.scrollDOM.getBoundingClientRect().top + 4 - view.documentTop; " +
        "return view.state.doc.lineAt(view.lineBlockAtHeight(height).from).number; }";

    private static Task<int> TopLineAsync(IPage page) => page.EvaluateAsync<int>(TopLine);
}
