using Microsoft.Playwright;

namespace CollabEdit.E2E;

[Collection(AppProcess.Name)]
public sealed class RealtimeEditorTests(AppFixture app)
{
    /// <summary>Autosave off (both): the notice and "Update my draft" are how an editor without autosave meets a newer version.</summary>
    [Fact]
    public async Task WithAutosaveOffASaveShowsUpWhileTheOtherTypesAndUpdatingTheDraftLetsItSaveWithoutAConflict()
    {
        var document = await app.CreateDocumentAsync("Live", "top\nmiddle\nbottom\n");
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}");
        await EditorDriver.PasteAllAsync(bo, "top\nmiddle\nbottom by Bo\n");

        await EditorDriver.PasteAllAsync(ana, "top by Ana\nmiddle\nbottom\n");
        await ana.ClickAsync("[data-testid=save]");

        var banner = bo.Locator("[data-testid=incoming]");
        await Assertions.Expect(banner).ToContainTextAsync("v2 saved by Ana; your draft is based on v1", new() { Timeout = 2_000 });
        await bo.ClickAsync("[data-testid=show-changes]");
        await Assertions.Expect(bo.Locator("[data-testid=comparison]")).ToContainTextAsync("top by Ana");
        await AppFixture.ScreenshotAsync(bo, "version-bump-banner");

        await bo.ClickAsync("[data-testid=update-draft]");
        await EditorDriver.ExpectTextAsync(bo, "top by Ana\nmiddle\nbottom by Bo\n");
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await bo.ClickAsync("[data-testid=save]");

        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3");
        await Assertions.Expect(bo.Locator("[data-testid=merge-dialog]")).ToHaveCountAsync(0);
        Assert.Equal("top by Ana\nmiddle\nbottom by Bo\n", (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task AnEditorWithoutUnsavedChangesMovesToTheNewVersionInPlace()
    {
        var document = await app.CreateDocumentAsync("Follow", "one\n");
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        await EditorDriver.SetCaretAsync(bo, 2);

        await EditorDriver.PasteAllAsync(ana, "one\ntwo\n");
        await ana.ClickAsync("[data-testid=save]");

        await EditorDriver.ExpectTextAsync(bo, "one\ntwo\n");
        Assert.Equal(2, await EditorDriver.CaretAsync(bo));
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v2");
        await Assertions.Expect(bo.Locator("[data-testid=incoming]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PresenceShowsWhoHasTheDocumentOpenAndForgetsAClosedTab()
    {
        var document = await app.CreateDocumentAsync("Presence in the editor", "x\n");
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");

        await Assertions.Expect(bo.Locator("[data-testid=presence]")).ToHaveTextAsync("Open here: Ana, Bo");
        await EditorDriver.TypeAtAsync(ana, 1, " and y");
        await Assertions.Expect(bo.Locator("[data-testid=presence]")).ToContainTextAsync("Ana (typing…)");

        // Typing is shown for a few seconds after the last keystroke, then it clears by itself.
        await Assertions.Expect(bo.Locator("[data-testid=presence]")).ToHaveTextAsync("Open here: Ana, Bo", new() { Timeout = 10_000 });

        await ana.Context.CloseAsync();

        await Assertions.Expect(bo.Locator("[data-testid=presence]")).ToHaveTextAsync("Open here: Bo", new() { Timeout = 10_000 });
    }
}
