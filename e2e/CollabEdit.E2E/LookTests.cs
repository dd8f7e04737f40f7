using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// How the pages look and whether everyone can use them: a screenshot of each page in light and dark, at a laptop
/// and a phone size (artifacts/e2e-screenshots/, looked at before calling UI work done), no sideways scrolling on a
/// phone, and an axe-core scan with no critical or serious violation.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class LookTests(AppFixture app)
{
    public static TheoryData<string, int, int> Looks => new()
    {
        { "light", 1280, 800 },
        { "dark", 1280, 800 },
        { "light", 390, 844 },
        { "dark", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task EveryPageInLightAndDarkAtLaptopAndPhoneSize(string theme, int width, int height)
    {
        var scene = await SceneAsync($"Look {theme} {width}");
        var page = await OpenAsync("Ana", "/", theme, width, height);
        var name = $"{theme}-{width}x{height}";

        await PageChecks.Shoot(page, $"list-{name}");
        await app.OpenAsync(page, $"/docs/{scene.Slug}");
        await PageChecks.Shoot(page, $"editor-{name}");
        await page.ClickAsync("[data-testid=history-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=revision]")).ToHaveCountAsync(3);
        await page.GetByLabel("Compare v2").CheckAsync();
        await page.GetByLabel("Compare v3").CheckAsync();
        await page.ClickAsync("[data-testid=compare]");
        await Assertions.Expect(page.Locator("[data-testid=comparison]")).ToBeVisibleAsync();
        await PageChecks.Shoot(page, $"history-{name}");

        await OpenMergeAsync(page, scene);
        await PageChecks.Shoot(page, $"merge-dialog-{name}");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync(new Uri(app.Address, "/no-such-page").ToString());
        await Assertions.Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await PageChecks.Shoot(page, $"not-found-{name}");
    }

    [Fact]
    public async Task TheListEditorMergeDialogAndHistoryHaveNoSeriousAccessibilityViolations()
    {
        var scene = await SceneAsync("Accessible");
        var page = await OpenAsync("Ana", "/", "light", 1280, 800);
        var found = new List<string>();

        found.AddRange(await PageChecks.ScanAsync(page, "list"));
        await app.OpenAsync(page, $"/docs/{scene.Slug}");
        found.AddRange(await PageChecks.ScanAsync(page, "editor"));
        await page.ClickAsync("[data-testid=history-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=revision]")).ToHaveCountAsync(3);
        found.AddRange(await PageChecks.ScanAsync(page, "history"));
        await OpenMergeAsync(page, scene);
        found.AddRange(await PageChecks.ScanAsync(page, "merge dialog"));

        Assert.True(found.Count == 0, "axe-core found:\n" + string.Join("\n", found));
    }

    [Fact]
    public async Task TheConflictFlowWorksFromTheKeyboardAlone()
    {
        var scene = await SceneAsync("Keyboard");
        var page = await OpenAsync("Ana", $"/docs/{scene.Slug}", "light", 1280, 800);

        await OpenMergeAsync(page, scene);

        // The first conflict has the focus; a choice moves it to the next one still open. (Focus is moved after a
        // render, so on a loaded machine it arrives a moment after the dialog or the count: wait for it.)
        await ExpectFocusedConflictAsync(page, "Conflict 1 of 2");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=unresolved-count]")).ToHaveTextAsync("1 unresolved");
        await ExpectFocusedConflictAsync(page, "Conflict 2 of 2");

        // Tabbing on and on never leaves the dialog for the page behind it. (At the wrap-around, MudBlazor's focus
        // trap moves the focus back from a sentinel in a script; on a loaded machine that takes a moment.)
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var inDialog = await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('[role=dialog]')", null, new() { Timeout = 2_000 })
                .ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
            Assert.True(inDialog, $"Tab {i + 1} left the dialog.");
        }
    }

    private static async Task ExpectFocusedConflictAsync(IPage page, string expected)
    {
        const string focusedConflict = "() => document.activeElement?.closest('[data-testid=conflict]')?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('aria-label')";
        var arrived = await page.WaitForFunctionAsync($"expected => ({focusedConflict})() === expected", expected, new() { Timeout = 10_000, PollingInterval = 50 })
            .ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        if (!arrived)
        {
            Assert.Equal(expected, await page.EvaluateAsync<string?>(focusedConflict));
        }
    }

    private async Task<IPage> OpenAsync(string name, string path, string theme, int width, int height)
    {
        var context = await app.NewPersonAsync(name, viewport: new ViewportSize { Width = width, Height = height });
        await context.AddInitScriptAsync($"localStorage.setItem('collabedit-theme', '{theme}')");
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await app.OpenAsync(page, path);
        return page;
    }

    /// <summary>
    /// Makes the merge dialog open with two conflicts: the editor's text and a save through the API change the same lines
    /// (autosave off, as the merge dialog is met without it).
    /// </summary>
    private async Task OpenMergeAsync(IPage page, Scene scene)
    {
        await app.OpenAsync(page, $"/docs/{scene.Slug}");
        await EditorDriver.TurnAutosaveOffAsync(page);
        var text = await EditorDriver.TextAsync(page);
        await EditorDriver.PasteAllAsync(page, text.Replace("## Examples", "## Examples, as I see them", StringComparison.Ordinal).Replace("The end.", "The very end.", StringComparison.Ordinal));
        var current = await app.GetDocumentAsync(scene.Slug);
        var theirs = current.GetProperty("content").GetString()!.Replace("## Examples", "## Examples, as they see them", StringComparison.Ordinal).Replace("The end.", "The real end.", StringComparison.Ordinal);
        await app.SaveAsync(scene.Slug, theirs, "Bo", baseVersion: current.GetProperty("version").GetInt32());

        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.Locator("[data-testid=merge-dialog]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(300); // the dialog's opening animation
    }

    /// <summary>A document of real Markdown with three versions.</summary>
    private async Task<Scene> SceneAsync(string title)
    {
        var text = RealText.OfSize(6_000) + "\nThe end.\n";
        var created = await app.CreateDocumentAsync($"{title} {Guid.NewGuid():N}"[..30], text);
        var slug = created.GetProperty("slug").GetString()!;
        for (var version = 1; version <= 2; version++)
        {
            await app.SaveAsync(slug, text + $"Note {version}.\n", version == 1 ? "Bo" : "Cy", baseVersion: version);
        }

        return new Scene(slug);
    }

    private sealed record Scene(string Slug);
}
