using System.Diagnostics;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// The editor with autosave on (the default), two people in Chromium: words appear in the other editor with no click,
/// the same words changed by both show as an inline conflict that keeps both, and autosave switched off is today's editor.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class AutosaveEditorTests(AppFixture app)
{
    private const string Editor = "document.querySelector('[data-testid=editor]').editor";

    [Fact]
    public async Task WordsTypedInDifferentParagraphsAppearInTheOtherEditorWithNoClickAndEveryoneEndsIdentical()
    {
        const string Start = "First paragraph.\n\nSecond paragraph.\n";
        var document = await app.CreateDocumentAsync("Live paragraphs", Start);
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");

        await Task.WhenAll(
            EditorDriver.TypeAtAsync(ana, "First paragraph".Length, " by Ana"),
            EditorDriver.TypeAtAsync(bo, Start.IndexOf("Second paragraph", StringComparison.Ordinal) + "Second paragraph".Length, " by Bo"));

        const string Expected = "First paragraph by Ana.\n\nSecond paragraph by Bo.\n";
        await EditorDriver.ExpectTextAsync(ana, Expected);
        await EditorDriver.ExpectTextAsync(bo, Expected);
        await Assertions.Expect(ana.Locator("[data-testid=status]")).ToContainTextAsync("saved", new() { Timeout = 10_000 });
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("saved", new() { Timeout = 10_000 });
        Assert.Equal(Expected, (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
        foreach (var page in new[] { ana, bo })
        {
            await Assertions.Expect(page.Locator("[data-testid=merge-dialog]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=incoming]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=inline-conflict]")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task TheSameWordChangedByBothShowsAnInlineConflictWithinASecondAndKeepingBothLosesNeither()
    {
        const string Start = "The cat sat on the mat.\n";
        var document = await app.CreateDocumentAsync("Live conflict", Start);
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        var cat = Start.IndexOf("cat", StringComparison.Ordinal);

        var typed = Stopwatch.StartNew();
        await Task.WhenAll(ReplaceByTypingAsync(ana, cat, cat + 3, "dog"), ReplaceByTypingAsync(bo, cat, cat + 3, "bird"));

        // Whoever saved second meets the other's word: a conflict, marked in the text, in that person's editor.
        var anaHasIt = await Task.WhenAny(
            ana.Locator("[data-testid=inline-conflict]").WaitForAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully),
            bo.Locator("[data-testid=inline-conflict]").WaitForAsync(new() { Timeout = 5_000 }).ContinueWith(t => !t.IsCompletedSuccessfully)).Unwrap();
        anaHasIt = await ana.Locator("[data-testid=inline-conflict]").CountAsync() > 0;
        Assert.True(anaHasIt || await bo.Locator("[data-testid=inline-conflict]").CountAsync() > 0, "No inline conflict within 5 s.");
        var (second, mine, theirs) = anaHasIt ? (ana, "dog", "bird") : (bo, "bird", "dog");
        // Autosave waits 600 ms after the last key; the save and the conflict's arrival take the rest.
        Assert.True(typed.Elapsed < TimeSpan.FromSeconds(3), $"The conflict showed {typed.Elapsed.TotalMilliseconds:F0} ms after typing.");

        var widget = second.Locator("[data-testid=inline-conflict]");
        await Assertions.Expect(widget).ToHaveCountAsync(1);
        await Assertions.Expect(widget).ToContainTextAsync(mine);
        await Assertions.Expect(widget).ToContainTextAsync(theirs);
        await Assertions.Expect(widget).ToContainTextAsync(anaHasIt ? "Bo wrote:" : "Ana wrote:");
        await Assertions.Expect(second.Locator("[data-testid=status]")).ToContainTextAsync("1 conflict to resolve");
        Assert.Contains(theirs, await EditorDriver.TextAsync(second), StringComparison.Ordinal);
        await Assertions.Expect(second.Locator("[data-testid=merge-dialog]")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(second, "inline-conflict");

        // A reload keeps the open conflict: mine lives in the browser's draft until it is decided.
        await second.ReloadAsync();
        await second.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(widget).ToContainTextAsync(mine, new() { Timeout = 10_000 });

        await widget.Locator("[data-testid=conflict-both]").ClickAsync();

        await Assertions.Expect(widget).ToHaveCountAsync(0);
        var both = $"The {theirs} {mine} sat on the mat.\n";
        await EditorDriver.ExpectTextAsync(second, both);
        var first = second == ana ? bo : ana;
        await EditorDriver.ExpectTextAsync(first, both);
        await Assertions.Expect(second.Locator("[data-testid=status]")).ToContainTextAsync("saved", new() { Timeout = 10_000 });
        Assert.Equal(both, (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task WithAutosaveSwitchedOffNothingIsSavedUntilSaveAndTheChoiceIsRemembered()
    {
        var document = await app.CreateDocumentAsync("Autosave switched off", "one\n");
        var slug = document.GetProperty("slug").GetString()!;
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        var toggle = bo.Locator("input[data-testid=autosave-toggle]");
        await Assertions.Expect(toggle).ToBeCheckedAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).Not.ToBeCheckedAsync();
        await EditorDriver.TypeAtAsync(bo, 3, " two");

        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("autosave off · unsaved changes");
        await Task.Delay(3_000); // longer than autosave would ever wait
        Assert.Equal(1, (await app.GetDocumentAsync(slug)).GetProperty("version").GetInt32());

        await bo.ClickAsync("[data-testid=save]");
        await Assertions.Expect(bo.Locator("[data-testid=notice]")).ToContainTextAsync("Saved as v2.");
        Assert.Equal("one two\n", (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());

        await bo.ReloadAsync();
        await bo.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(bo.Locator("input[data-testid=autosave-toggle]")).Not.ToBeCheckedAsync();
    }

    /// <summary>Selects [from, to) and types over it key by key, as a person rewriting a word.</summary>
    private static async Task ReplaceByTypingAsync(IPage page, int from, int to, string text)
    {
        await page.EvaluateAsync($"([from, to]) => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ selection: {{ anchor: from, head: to }} }}); }}", new[] { from, to });
        await page.Keyboard.TypeAsync(text);
    }
}
