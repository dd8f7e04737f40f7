using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Autosave is on by default and can be switched off per document, for a private draft: then nothing is saved until
/// the person saves, the choice outlives a reload, and a newer version is announced instead of brought in (as before).
/// </summary>
[Collection(AppProcess.Name)]
public sealed class AutosaveOffTests(AppFixture app)
{
    [Fact]
    public async Task SwitchedOffNothingIsSavedUntilCtrlSAndTheChoiceOutlivesAReloadWhileOtherDocumentsKeepAutosave()
    {
        var document = await app.CreateDocumentAsync("Private draft", "Plan.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var other = await app.CreateDocumentAsync("Still autosaved", "Other.\n");
        var page = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        Assert.True(await EditorDriver.IsAutosaveOnAsync(page), "Autosave is on by default.");

        await EditorDriver.TurnAutosaveOffAsync(page);
        await EditorDriver.TypeAsPersonAsync(page, "Plan.".Length, "Plan.".Length, " Only mine for now.");

        // Past autosave's pause and its longest wait: nothing saved, and the status line says so.
        await page.WaitForTimeoutAsync(3_000);
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");
        Assert.Equal(1, (await app.GetDocumentAsync(slug)).GetProperty("version").GetInt32());

        // Reloaded: still off, the draft comes back, and still nothing is saved by itself.
        await page.ReloadAsync();
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
        await EditorDriver.ExpectTextAsync(page, "Plan. Only mine for now.\n");
        Assert.False(await EditorDriver.IsAutosaveOnAsync(page), "The choice was forgotten on reload.");
        await page.WaitForTimeoutAsync(3_000);
        Assert.Equal(1, (await app.GetDocumentAsync(slug)).GetProperty("version").GetInt32());

        // Ctrl+S saves it.
        await EditorDriver.SetCaretAsync(page, 0);
        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v2 · saved");
        Assert.Equal("Plan. Only mine for now.\n", (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());

        // The choice is this document's: another one still saves by itself.
        await app.OpenAsync(page, $"/docs/{other.GetProperty("slug").GetString()}");
        Assert.True(await EditorDriver.IsAutosaveOnAsync(page), "Switching autosave off for one document switched it off for another.");
        await EditorDriver.TypeAsPersonAsync(page, "Other.".Length, "Other.".Length, " Saved by itself.");
        Assert.Equal("Other. Saved by itself.\n", await Convergence.ExpectAsync([page], async () => (await app.GetDocumentAsync(other.GetProperty("id").GetString()!)).GetProperty("content").GetString()!));
    }

    [Fact]
    public async Task SwitchedOffASaveByAnotherIsAnnouncedAndNeverMixedIntoTheDraftByItself()
    {
        var document = await app.CreateDocumentAsync("Announced", "top\nmiddle\nbottom\n");
        var slug = document.GetProperty("slug").GetString()!;
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}");
        await EditorDriver.TypeAsPersonAsync(bo, "top\nmiddle\nbottom".Length, "top\nmiddle\nbottom".Length, " by Bo");

        await app.SaveAsync(slug, "top by Ana\nmiddle\nbottom\n", "Ana", baseVersion: 1);

        await Assertions.Expect(bo.Locator("[data-testid=incoming]")).ToContainTextAsync("v2 saved by Ana; your draft is based on v1");
        await bo.WaitForTimeoutAsync(3_000);
        await EditorDriver.ExpectTextAsync(bo, "top\nmiddle\nbottom by Bo\n");
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"v1 · autosave off · unsaved changes"));
        Assert.Equal("top by Ana\nmiddle\nbottom\n", (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
        await PageChecks.Shoot(bo, "autosave-off-announced");
    }
}
