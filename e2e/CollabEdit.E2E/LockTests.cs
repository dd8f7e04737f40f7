using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>An owner's lock as a person at an open editor meets it, in Chromium, typing as people type.</summary>
[Collection(AppProcess.Name)]
public sealed class LockTests(AppFixture app)
{
    /// <summary>Autosave off: the lock meets unsaved text, which stays in the editor.</summary>
    [Fact]
    public async Task AnOpenEditorTurnsReadOnlyTheMomentAnOwnerLocksAndEditableAgainOnUnlock()
    {
        var document = await app.CreateDocumentAsync("Lock while open", "Plan.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var page = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}");
        await EditorDriver.SetCaretAsync(page, "Plan.".Length);
        await page.Keyboard.TypeAsync(" Bo's idea.", new() { Delay = Typing.KeyDelayMs });
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");

        await SetLockAsync(slug, locked: true);

        // At once, without a reload: the notice says who locked it and what to do, Save is off, typing does nothing.
        var notice = page.Locator("[data-testid=notice]");
        await Assertions.Expect(notice).ToContainTextAsync("Locked by Olga just now: it can be read, not changed.", new() { Timeout = 5_000 });
        await Assertions.Expect(notice).ToContainTextAsync("Your unsaved text is still here");
        await Assertions.Expect(page.Locator("[data-testid=save]")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=unlock]")).ToBeVisibleAsync();
        await EditorDriver.SetCaretAsync(page, 0);
        await page.Keyboard.TypeAsync("No", new() { Delay = Typing.KeyDelayMs });
        await EditorDriver.ExpectTextAsync(page, "Plan. Bo's idea.\n");
        await PageChecks.Shoot(page, "editor-locked");

        await SetLockAsync(slug, locked: false);

        await Assertions.Expect(notice).ToContainTextAsync("An owner unlocked this document: you can edit it again.", new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("[data-testid=save]")).ToBeEnabledAsync();
        await EditorDriver.SetCaretAsync(page, 0);
        await page.Keyboard.TypeAsync("Go: ", new() { Delay = Typing.KeyDelayMs });
        await page.ClickAsync("[data-testid=save]");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v2 · saved");
        Assert.Equal("Go: Plan. Bo's idea.\n", (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
    }

    private async Task SetLockAsync(string slug, bool locked)
    {
        using var request = new HttpRequestMessage(locked ? HttpMethod.Put : HttpMethod.Delete, $"/api/documents/{slug}/lock");
        request.Headers.Add("X-Author", "Olga");
        using var response = await app.Api.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
