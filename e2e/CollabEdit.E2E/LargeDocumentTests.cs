using System.Text;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Typing into documents of the sizes people have, up to the 5 MB limit, in a real browser: what is typed is
/// what the server saves, byte for byte, also when someone else saves in between; what cannot be saved says so
/// and is kept.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class LargeDocumentTests(AppFixture app)
{
    private const int Limit = 5 * 1024 * 1024;

    public static TheoryData<int> Sizes => new() { 1_000, 100_000, 1_000_000, Limit - 1024 };

    /// <summary>Autosave on (the default): what it saves by itself, and Ctrl+S on top, ends byte for byte as typed.</summary>
    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task TypingAtTheStartMiddleAndEndIsSavedByteForByte(int size)
    {
        var original = RealText.OfSize(size);
        var document = await app.CreateDocumentAsync($"Typing into {size} bytes", original);
        var id = document.GetProperty("id").GetString()!;
        var page = await app.OpenAsAsync("Ana", $"/docs/{document.GetProperty("slug").GetString()}");

        var expected = await TypeAsync(page, original, (0, "Ana was here. "), (-1, "Middle words, typed. "), (int.MaxValue, "\nThe end, typed."));
        await page.Keyboard.PressAsync("Control+s");

        var saved = await Convergence.ExpectAsync([page], async () => (await app.GetDocumentAsync(id)).GetProperty("content").GetString()!, 60_000);
        await Assertions.Expect(page.Locator("[data-testid=error]")).ToHaveCountAsync(0);
        AssertSameText(expected, saved);
        var version = (await app.GetDocumentAsync(id)).GetProperty("version").GetInt32();
        Assert.True(version >= 2, $"Saved as v{version}.");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync($"v{version} · saved");
        if (size > Limit / 2)
        {
            await AppFixture.ScreenshotAsync(page, "editor-5mb-saved", fullPage: false);
        }
    }

    /// <summary>Autosave off: the newer version is announced and merged in the dialog (with autosave on it is rebased in place: LiveEditingTests).</summary>
    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task WithAutosaveOffASaveThroughTheApiWhileTypingIsMergedAndNothingTypedIsLost(int size)
    {
        var original = RealText.OfSize(size);
        var document = await app.CreateDocumentAsync($"Concurrent at {size} bytes", original);
        var id = document.GetProperty("id").GetString()!;
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{document.GetProperty("slug").GetString()}");
        var typed = await TypeAsync(bo, original, (0, "Bo starts here. "));

        // Ana saves through the API: a new last line.
        var theirs = original + "Ana's closing line.\n";
        await app.SaveAsync(id, theirs, "Ana", baseVersion: 1);

        await Assertions.Expect(bo.Locator("[data-testid=incoming]")).ToContainTextAsync("v2 saved by Ana", new() { Timeout = 15_000 });

        // Bo keeps typing after the notice: the new version never replaces it.
        var middle = RealText.MiddleLineStart(typed);
        await EditorDriver.TypeAtAsync(bo, middle, "Bo, after the notice. ");
        var mine = typed.Insert(middle, "Bo, after the notice. ");
        await EditorDriver.ExpectTextAsync(bo, mine);
        await bo.Keyboard.PressAsync("Control+s");

        await Assertions.Expect(bo.Locator("[data-testid=no-conflicts]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await bo.ClickAsync("[data-testid=merge-save]");
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3 · saved", new() { Timeout = 30_000 });
        var saved = await app.GetDocumentAsync(id);
        AssertSameText(mine + "Ana's closing line.\n", saved.GetProperty("content").GetString()!);
        await EditorDriver.ExpectTextAsync(bo, mine + "Ana's closing line.\n");
    }

    /// <summary>Autosave on (the default): its tries are refused in the same words, and the text is kept.</summary>
    [Fact]
    public async Task ASixMegabytePasteIsRefusedInPlainWordsAndKeptAcrossAReload()
    {
        var document = await app.CreateDocumentAsync("Six megabytes", "small\n");
        var slug = document.GetProperty("slug").GetString()!;
        var page = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var pasted = RealText.OfSize(6 * 1024 * 1024);

        await EditorDriver.PasteAllAsync(page, pasted);
        await page.Keyboard.PressAsync("Control+s");

        await Assertions.Expect(page.Locator("[data-testid=error]")).ToContainTextAsync("Not saved: the document is too large", new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("not saved");
        await Assertions.Expect(page.Locator("[data-testid=status]")).Not.ToContainTextAsync("· saved");
        Assert.Equal(1, (await app.GetDocumentAsync(slug)).GetProperty("version").GetInt32());
        await AppFixture.ScreenshotAsync(page, "editor-too-large", fullPage: false);

        await page.ReloadAsync();
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 30_000 });
        await EditorDriver.ExpectTextAsync(page, pasted, 30_000);
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("draft was restored");
    }

    /// <summary>Types each piece with real keystrokes at a position (-1: the middle line, int.MaxValue: the end); returns the expected text.</summary>
    private static async Task<string> TypeAsync(IPage page, string text, params (int Position, string Typed)[] pieces)
    {
        foreach (var (position, typed) in pieces)
        {
            var at = position switch { -1 => RealText.MiddleLineStart(text), int.MaxValue => text.Length, _ => position };
            await EditorDriver.TypeAtAsync(page, at, typed);
            text = text.Insert(at, typed);
        }

        await EditorDriver.ExpectTextAsync(page, text);
        return text;
    }

    private static void AssertSameText(string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }

        var at = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Length, actual.Length));
        Assert.Fail($"Saved text differs at {at} (expected {Encoding.UTF8.GetByteCount(expected)} bytes, got {Encoding.UTF8.GetByteCount(actual)}): " +
            $"expected \"{Snippet(expected, at)}\", got \"{Snippet(actual, at)}\"");
    }

    private static string Snippet(string text, int at) => text.Substring(Math.Max(0, at - 20), Math.Min(60, text.Length - Math.Max(0, at - 20)));
}
