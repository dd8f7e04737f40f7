using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// History and the Markdown preview open beside the editor, in view, and the preview follows the text as it
/// changes (typed, or saved by someone else) without being toggled; one person's saves read as one history entry.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class HistoryAndPreviewTests(AppFixture app)
{
    private const string Markdown = "# Trip notes\n\nWe leave on **Friday**, see [the map](https://example.org/map).\n\n> Pack light.\n\n- [x] book the train\n- [ ] buy a guide\n\nThe end.\n";

    public static TheoryData<string, int, int> Looks => new()
    {
        { "light", 1280, 800 },
        { "dark", 1280, 800 },
        { "light", 390, 844 },
        { "dark", 390, 844 },
    };

    [Fact]
    public async Task HistoryAndPreviewOpenBesideTheEditorInViewAndThePreviewFollowsTheText()
    {
        var slug = await CreateAsync("Side by side");
        var page = await OpenAsync("Ana", slug, "light", 1280, 800);

        await page.ClickAsync("[data-testid=preview-toggle]");
        await page.ClickAsync("[data-testid=history-toggle]");

        // Both beside the editor, right of it and inside the window, with the editor keeping most of the width.
        await Assertions.Expect(page.Locator("[data-testid=revision]")).ToHaveCountAsync(1);
        var editor = await BoxAsync(page, "[data-testid=editor]");
        foreach (var panel in new[] { "[data-testid=preview-panel]", "[data-testid=history]" })
        {
            var box = await BoxAsync(page, panel);
            Assert.True(box.X >= editor.X + editor.Width, $"{panel} starts at x={box.X}, inside the editor (its right edge is {editor.X + editor.Width}).");
            Assert.True(box.Y >= 0 && box.Y + box.Height <= 800 && box.X + box.Width <= 1280, $"{panel} is not inside the 1280×800 window: {box.X},{box.Y} {box.Width}×{box.Height}.");
            Assert.True(editor.Width >= 1.4 * box.Width, $"The editor ({editor.Width}px) is not the wider part beside {panel} ({box.Width}px).");
        }

        Assert.True(editor.Y + editor.Height <= 800, $"The editor ends at y={editor.Y + editor.Height}, below the window.");

        // Markdown as readers expect it: a task list is checkboxes (disabled: the text is changed in the editor).
        var boxes = page.Locator("[data-testid=preview] li.task-list-item input[type=checkbox]");
        await Assertions.Expect(boxes).ToHaveCountAsync(2);
        await Assertions.Expect(boxes.First).ToBeCheckedAsync();
        await Assertions.Expect(boxes.Last).Not.ToBeCheckedAsync();
        await Assertions.Expect(boxes.First).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=preview] blockquote")).ToHaveTextAsync("Pack light.");
        await PageChecks.Shoot(page, "side-panels-before-typing-light-1280x800");

        // Typed, key by key: the preview follows without being toggled.
        await EditorDriver.SetCaretAsync(page, Markdown.Length);
        await page.Keyboard.TypeAsync("\n## Typed live\n\n- [ ] check the tickets\n", new() { Delay = Typing.KeyDelayMs });
        await Assertions.Expect(page.Locator("[data-testid=preview] h2")).ToHaveTextAsync("Typed live", new() { Timeout = 3_000 });
        await Assertions.Expect(boxes).ToHaveCountAsync(3, new() { Timeout = 3_000 });
        await PageChecks.Shoot(page, "side-panels-typed-light-1280x800");

        // Autosaved while typing (autosave is on by default, nothing is clicked): the server holds what was typed.
        await Assertions.Expect(page.Locator("[data-testid=status]")).Not.ToContainTextAsync("v1 ", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("saved", new() { Timeout = 10_000 });
        var current = await app.GetDocumentAsync(slug);
        Assert.Contains("- [ ] check the tickets", current.GetProperty("content").GetString()!, StringComparison.Ordinal);
        var version = current.GetProperty("version").GetInt32();

        // Saved by someone else and followed by the editor: the preview and the history show it too.
        await app.SaveAsync(slug, current.GetProperty("content").GetString()!.Replace("The end.", "The end, by Bo.", StringComparison.Ordinal), "Bo", baseVersion: version);
        await Assertions.Expect(page.Locator("[data-testid=preview]")).ToContainTextAsync("The end, by Bo.", new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync($"v{version + 1}");
        await Assertions.Expect(page.Locator("[data-testid=revision]").First).ToContainTextAsync("Bo");
    }

    [Theory]
    [MemberData(nameof(Looks))]
    public async Task BothPanelsLookRightInLightAndDarkAtLaptopAndPhoneSize(string theme, int width, int height)
    {
        var slug = await CreateAsync($"Look {theme} {width}");
        for (var version = 1; version <= 3; version++)
        {
            await app.SaveAsync(slug, Markdown + $"\nNote {version}.\n", "Bo", baseVersion: version);
        }

        var page = await OpenAsync("Ana", slug, theme, width, height);
        await page.ClickAsync("[data-testid=preview-toggle]");
        await page.ClickAsync("[data-testid=history-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=history-group]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=preview] li.task-list-item")).ToHaveCountAsync(2);
        var editor = await BoxAsync(page, "[data-testid=editor]");
        var preview = await BoxAsync(page, "[data-testid=preview-panel]");
        if (width < 960)
        {
            // A phone has no room beside the editor: the panels come below it, full width.
            Assert.True(preview.Y >= editor.Y + editor.Height, $"The preview (y={preview.Y}) is not below the editor (ends at y={editor.Y + editor.Height}).");
        }

        await PageChecks.Shoot(page, $"side-panels-{theme}-{width}x{height}");
        await page.ClickAsync("[data-testid=history-group-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=revision]")).ToHaveCountAsync(4);
        if (width < 960)
        {
            await page.Locator("[data-testid=history]").ScrollIntoViewIfNeededAsync();
        }

        await PageChecks.Shoot(page, $"side-panels-history-open-{theme}-{width}x{height}");
    }

    [Fact]
    public async Task SeveralSavesByOnePersonShowAsOneGroupThatOpensAndRestores()
    {
        var slug = await CreateAsync("Grouped history");
        var texts = Enumerable.Range(1, 4).Select(i => Markdown + $"\nSaved by Ana, round {i}.\n").ToList();
        for (var i = 0; i < texts.Count; i++)
        {
            await app.SaveAsync(slug, texts[i], "Ana", baseVersion: i + 1);
        }

        var page = await OpenAsync("Bo", slug, "light", 1280, 800);
        await page.ClickAsync("[data-testid=history-toggle]");

        // v5 (current) on its own line, v2–v4 as one entry, v1 (not Ana's) on its own.
        var group = page.Locator("[data-testid=history-group]");
        await Assertions.Expect(group).ToHaveCountAsync(1);
        await Assertions.Expect(group).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Ana, \d\d:\d\d–\d\d:\d\d, 3 versions"));
        await Assertions.Expect(group).ToContainTextAsync("v2–v4");
        await Assertions.Expect(page.Locator("[data-testid=revision]")).ToHaveCountAsync(2);

        await page.ClickAsync("[data-testid=history-group-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=history-group-toggle]")).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.Locator("[data-testid=revision]")).ToHaveCountAsync(5);
        await page.Locator("[data-testid=revision]", new() { HasText = "v2 · Ana" }).GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v6");
        var current = await app.GetDocumentAsync(slug);
        Assert.Equal(texts[0], current.GetProperty("content").GetString());
        await EditorDriver.ExpectTextAsync(page, texts[0]);
    }

    private async Task<string> CreateAsync(string title) =>
        (await app.CreateDocumentAsync($"{title} {Guid.NewGuid():N}"[..30], Markdown)).GetProperty("slug").GetString()!;

    private async Task<IPage> OpenAsync(string name, string slug, string theme, int width, int height)
    {
        var context = await app.NewPersonAsync(name, viewport: new ViewportSize { Width = width, Height = height });
        await context.AddInitScriptAsync($"localStorage.setItem('collabedit-theme', '{theme}')");
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await app.OpenAsync(page, $"/docs/{slug}");
        return page;
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(IPage page, string selector)
    {
        await page.Locator(selector).WaitForAsync();
        return await page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} has no box.");
    }
}
