using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Drafts belong to a person and keep the version they were written on, in the secure default with the limits at
/// their defaults, typed as people type (80 ms a key): two people on one browser, a conflict through reloads, and
/// the merge dialog's Edit…. Autosave is switched off (as a user does, on the toolbar) before anyone types: these are
/// drafts as they are kept when nothing saves them.
/// </summary>
public sealed class DraftTests(SecureDefaultsApp app) : IClassFixture<SecureDefaultsApp>
{
    private const string Trip = "# Trip\n\nWe leave on Monday from Lisbon.\n\nBring boots.\n";

    /// <summary>Everything the page's origin keeps in localStorage and IndexedDB, as text (what a next person could read).</summary>
    private const string BrowserStorage = """
        async () => {
          const parts = [];
          for (let i = 0; i < localStorage.length; i++) parts.push(localStorage.key(i) + '=' + localStorage.getItem(localStorage.key(i)));
          for (const info of await indexedDB.databases()) {
            const db = await new Promise((resolve, reject) => { const r = indexedDB.open(info.name); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
            for (const name of db.objectStoreNames) {
              const all = await new Promise((resolve, reject) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
              parts.push(name + ':' + JSON.stringify(all));
            }
            db.close();
          }
          return parts.join('\n');
        }
        """;

    [Fact]
    public async Task BoSignsOutWithAnUnsavedDraftAndAnaOnTheSameBrowserFindsNoTraceOfIt()
    {
        var slug = await app.CreateSharedDocumentAsync("Shared plans", Trip);
        var browser = await app.NewBrowserAsync();
        var dialogs = new List<string>();
        browser.Dialog += (_, dialog) => dialogs.Add(dialog.Type);

        // Bo signs in and types a sentence, without saving.
        await app.SignInAsync(browser, SecureDefaultsApp.BoEmail, $"/docs/{slug}");
        await EditorDriver.TurnAutosaveOffAsync(browser);
        await TypeOverAsync(browser, Trip.Length - 1, Trip.Length - 1, "\nBo's surprise: a boat to Faro.");
        await Assertions.Expect(browser.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");
        await WaitForStorageAsync(browser, contains: "boat to Faro");

        // Signing out says what happens to the draft, and removes it once he agrees.
        await browser.ClickAsync("[data-testid=user-name]");
        await browser.ClickAsync("[data-testid=sign-out]");
        var confirm = browser.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("unsaved changes in 1 document");
        await AppFixture.ScreenshotAsync(browser, "sign-out-with-unsaved-draft", fullPage: false);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Sign out and discard" }).ClickAsync();
        await Assertions.Expect(browser).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await browser.Locator("[data-ready=true]").WaitForAsync();

        // He agreed to lose it: the page does not ask again whether to leave.
        Assert.DoesNotContain("beforeunload", dialogs);
        Assert.DoesNotContain("boat to Faro", await browser.EvaluateAsync<string>(BrowserStorage), StringComparison.Ordinal);

        // Ana sits down at the same browser and opens the same document: no draft, no trace of Bo's words.
        await app.SignInAsync(browser, SecureDefaultsApp.AnaEmail, $"/docs/{slug}");
        await EditorDriver.ExpectTextAsync(browser, Trip);
        await Assertions.Expect(browser.Locator("[data-testid=status]")).ToContainTextAsync("saved");
        await Assertions.Expect(browser.Locator("[data-testid=notice]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("boat to Faro", await browser.EvaluateAsync<string>(BrowserStorage), StringComparison.Ordinal);
        await AppFixture.ScreenshotAsync(browser, "next-person-on-the-browser", fullPage: false);

        // Ana signs out (nothing unsaved: nothing asked), Bo signs back in: his draft went when he signed out, as he was told.
        await browser.ClickAsync("[data-testid=user-name]");
        await browser.ClickAsync("[data-testid=sign-out]");
        await Assertions.Expect(browser).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await app.SignInAsync(browser, SecureDefaultsApp.BoEmail, $"/docs/{slug}");
        await EditorDriver.ExpectTextAsync(browser, Trip);
        await Assertions.Expect(browser.Locator("[data-testid=notice]")).ToHaveCountAsync(0);
        Assert.Equal(Trip, await app.ContentAsync(slug));

        // Bo types again, and this time his sign-in ends without him signing out (the cookie is gone, as when it
        // expires). When Ana signs in at this browser, what he left is removed before she could read it.
        await EditorDriver.TurnAutosaveOffAsync(browser);
        await TypeOverAsync(browser, Trip.Length - 1, Trip.Length - 1, "\nBo again: a train to Faro.");
        await WaitForStorageAsync(browser, contains: "a train to Faro");
        await browser.Context.ClearCookiesAsync();
        await app.SignInAsync(browser, SecureDefaultsApp.AnaEmail, $"/docs/{slug}");
        await EditorDriver.ExpectTextAsync(browser, Trip);
        await browser.WaitForFunctionAsync($"async () => !(await ({BrowserStorage})()).includes('a train to Faro')", null, new() { Timeout = 10_000, PollingInterval = 100 });
    }

    [Fact]
    public async Task AnUnresolvedConflictOutlivesTwoReloadsAndSavingOpensTheMergeSoAnasSaveIsKept()
    {
        var slug = await app.CreateSharedDocumentAsync("Conflict through reloads", Trip);
        var bo = await app.NewBrowserAsync();
        await app.SignInAsync(bo, SecureDefaultsApp.BoEmail, $"/docs/{slug}");
        await EditorDriver.TurnAutosaveOffAsync(bo);

        // Bo changes the sentence, unsaved; Ana saves her change of the same words.
        var lisbon = Trip.IndexOf("Lisbon", StringComparison.Ordinal);
        await TypeOverAsync(bo, lisbon, lisbon + "Lisbon".Length, "Porto");
        await WaitForStorageAsync(bo, contains: "from Porto.");
        await app.SaveAsAnaAsync(slug, Trip.Replace("Monday from Lisbon", "Tuesday from Coimbra", StringComparison.Ordinal), baseVersion: 1);

        // Reloaded twice: each time the draft is still the one written on v1, and the merge is offered.
        for (var reload = 1; reload <= 2; reload++)
        {
            await bo.ReloadAsync();
            await bo.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
            await Assertions.Expect(bo.Locator("[data-testid=merge-dialog]")).ToBeVisibleAsync();
            await Assertions.Expect(bo.Locator("[data-testid=notice]")).ToContainTextAsync("based on v1");
            await AppFixture.ScreenshotAsync(bo, $"conflict-after-reload-{reload}", fullPage: false);
        }

        // Cancelled, the draft is still unsaved on v1 with v2 waiting; Ctrl+S opens the merge instead of saving over v2.
        await bo.ClickAsync("[data-testid=merge-cancel]");
        await Assertions.Expect(bo.Locator("[data-testid=merge-dialog]")).ToHaveCountAsync(0);
        await Assertions.Expect(bo.Locator("[data-testid=incoming]")).ToContainTextAsync("your draft is based on v1");
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"v1 · (autosave off · )?unsaved changes"));
        await AppFixture.ScreenshotAsync(bo, "conflict-cancelled-draft-on-v1", fullPage: false);
        await EditorDriver.SetCaretAsync(bo, 0);
        await bo.Keyboard.PressAsync("Control+s");
        var dialog = bo.Locator("[data-testid=merge-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(bo.Locator("[data-testid=conflict-mine]")).ToHaveTextAsync("We leave on Monday from Porto.\n");
        await Assertions.Expect(bo.Locator("[data-testid=conflict-theirs]")).ToHaveTextAsync("We leave on Tuesday from Coimbra.\n");
        Assert.Equal(Trip.Replace("Monday from Lisbon", "Tuesday from Coimbra", StringComparison.Ordinal), await app.ContentAsync(slug));

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Both (theirs first)" }).ClickAsync();
        await bo.ClickAsync("[data-testid=merge-save]");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3 · saved");
        Assert.Equal("# Trip\n\nWe leave on Tuesday from Coimbra.\nWe leave on Monday from Porto.\n\nBring boots.\n", await app.ContentAsync(slug));

        // Once the merge is saved, the draft is gone: a reload offers nothing.
        await bo.ReloadAsync();
        await bo.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(bo.Locator("[data-testid=notice]")).ToHaveCountAsync(0);
        await Assertions.Expect(bo.Locator("[data-testid=merge-dialog]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TextTypedIntoEditAtEightyMillisecondsAKeyIsSavedAsTypedAndKeepsTheParagraphsApart()
    {
        var slug = await app.CreateSharedDocumentAsync("Edit by hand", Trip);
        var bo = await app.NewBrowserAsync();
        await app.SignInAsync(bo, SecureDefaultsApp.BoEmail, $"/docs/{slug}");
        await EditorDriver.TurnAutosaveOffAsync(bo);
        var lisbon = Trip.IndexOf("Lisbon", StringComparison.Ordinal);
        await TypeOverAsync(bo, lisbon, lisbon + "Lisbon".Length, "Porto");
        await app.SaveAsAnaAsync(slug, Trip.Replace("Lisbon", "Faro", StringComparison.Ordinal), baseVersion: 1);
        await Assertions.Expect(bo.Locator("[data-testid=incoming]")).ToContainTextAsync("v2 saved by ana");

        await bo.Keyboard.PressAsync("Control+s");
        var dialog = bo.Locator("[data-testid=merge-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await bo.ClickAsync("[data-testid=edit-conflict]");
        var box = bo.Locator("[data-testid=custom-text]");
        await Assertions.Expect(box).ToHaveValueAsync("We leave on Monday from Porto.");

        // Select all and retype, as a person does.
        const string Written = "We go from Lisbon to Porto, with a stop in Coimbra.";
        await box.ClickAsync();
        await bo.Keyboard.PressAsync("Control+a");
        await box.PressSequentiallyAsync(Written, new() { Delay = SecureDefaultsApp.KeyDelay });
        await Assertions.Expect(box).ToHaveValueAsync(Written);
        await AppFixture.ScreenshotAsync(bo, "merge-edit-typed", fullPage: false);
        await bo.ClickAsync("[data-testid=use-custom]");
        await Assertions.Expect(bo.Locator("[data-testid=unresolved-count]")).ToHaveTextAsync("0 unresolved");

        // Opened again, Edit… shows what was written, not mine.
        await bo.ClickAsync("[data-testid=edit-conflict]");
        await Assertions.Expect(box).ToHaveValueAsync(Written);
        await bo.ClickAsync("[data-testid=use-custom]");

        await bo.ClickAsync("[data-testid=merge-save]");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3 · saved");
        var expected = "# Trip\n\n" + Written + "\n\nBring boots.\n";
        Assert.Equal(expected, await app.ContentAsync(slug));
        await EditorDriver.ExpectTextAsync(bo, expected);
    }

    /// <summary>Selects from <paramref name="from"/> to <paramref name="to"/> in the editor and types over it, key by key.</summary>
    private static async Task TypeOverAsync(IPage page, int from, int to, string text)
    {
        await page.EvaluateAsync(
            "([from, to]) => { const view = document.querySelector('[data-testid=editor]').editor.view; view.focus(); view.dispatch({ selection: { anchor: from, head: to } }); }",
            new[] { from, to });
        await page.Locator("[data-testid=editor-content]").PressSequentiallyAsync(text, new() { Delay = SecureDefaultsApp.KeyDelay });
    }

    /// <summary>Waits until the browser's storage holds <paramref name="contains"/> (the draft is written just after the keystroke).</summary>
    private static async Task WaitForStorageAsync(IPage page, string contains) =>
        await page.WaitForFunctionAsync($"async (text) => (await ({BrowserStorage})()).includes(text)", contains, new() { Timeout = 10_000, PollingInterval = 100 });
}
