using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// The merge dialog and drafts, saving by hand: autosave is switched off for these documents (how live editing meets
/// the same situations with autosave on: LiveEditingTests and InlineConflictTests).
/// </summary>
[Collection(AppProcess.Name)]
public sealed class EditorTests(AppFixture app)
{
    private static readonly string[] Lines = ["Title line", "Line 2", "Line 3", "Line 4", "Middle line", "Line 6", "Line 7", "Line 8", "Bottom line"];

    private static string Text(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    private static string[] With(params (int Index, string Line)[] changes)
    {
        var lines = (string[])Lines.Clone();
        foreach (var (index, line) in changes)
        {
            lines[index] = line;
        }

        return lines;
    }

    [Fact]
    public async Task TwoEditorsConflictOnTheTopLineAndTheMiddleChangeMergesByItself()
    {
        var document = await app.CreateDocumentAsync("Two editors", Text(Lines));
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}");

        // Bo is editing: he changes the top line and a middle line, not saved yet, so he stays on v1.
        await EditorDriver.PasteAllAsync(bo, Text(With((0, "Title by Bo"), (4, "Middle by Bo"))));

        // Ana changes lines near the top and the bottom, and saves.
        await EditorDriver.PasteAllAsync(ana, Text(With((0, "Title by Ana"), (8, "Bottom by Ana"))));
        await ana.ClickAsync("[data-testid=save]");
        await Assertions.Expect(ana.Locator("[data-testid=status]")).ToContainTextAsync("v2");

        // Bo is told v2 landed, and saves his draft of v1 anyway.
        await Assertions.Expect(bo.Locator("[data-testid=incoming]")).ToContainTextAsync("v2 saved by Ana");
        await bo.Keyboard.PressAsync("Control+s");

        var dialog = bo.Locator("[data-testid=merge-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(bo.Locator("[data-testid=conflict]")).ToHaveCountAsync(1);
        Assert.Equal("Title by Bo\n", await bo.Locator("[data-testid=conflict-mine]").TextContentAsync());
        Assert.Equal("Title by Ana\n", await bo.Locator("[data-testid=conflict-theirs]").TextContentAsync());
        Assert.Equal(["by Bo"], await bo.Locator("[data-testid=conflict-mine] .ce-word-changed").AllTextContentsAsync());
        await Assertions.Expect(bo.Locator("[data-testid=unresolved-count]")).ToHaveTextAsync("1 unresolved");
        await Assertions.Expect(bo.Locator("[data-testid=merge-save]")).ToBeDisabledAsync();
        await AppFixture.ScreenshotAsync(bo, "merge-dialog-1280x720");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Take theirs" }).ClickAsync();
        await Assertions.Expect(bo.Locator("[data-testid=unresolved-count]")).ToHaveTextAsync("0 unresolved");
        await bo.ClickAsync("[data-testid=merge-save]");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3");

        var expected = Text(With((0, "Title by Ana"), (4, "Middle by Bo"), (8, "Bottom by Ana")));
        Assert.Equal(expected, (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
        foreach (var page in new[] { ana, bo })
        {
            await app.OpenAsync(page, $"/docs/{slug}");
            await EditorDriver.ExpectTextAsync(page, expected);
        }

        await AppFixture.ScreenshotAsync(ana, "editor-after-merge");
        var history = await app.Api.GetFromJsonAsync<JsonElement>($"/api/documents/{slug}/revisions");
        var revisions = history.GetProperty("items").EnumerateArray().Select(r => (r.GetProperty("version").GetInt32(), r.GetProperty("author").GetString())).ToList();
        Assert.Equal([(3, "Bo"), (2, "Ana"), (1, "anonymous")], revisions);
    }

    [Fact]
    public async Task NonOverlappingEditsMergeWithNoConflictToResolve()
    {
        var document = await app.CreateDocumentAsync("No overlap", Text(Lines));
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}");

        await EditorDriver.PasteAllAsync(bo, Text(With((8, "Bottom by Bo"))));
        await EditorDriver.PasteAllAsync(ana, Text(With((0, "Title by Ana"))));
        await ana.ClickAsync("[data-testid=save]");
        await Assertions.Expect(ana.Locator("[data-testid=status]")).ToContainTextAsync("v2");
        await bo.ClickAsync("[data-testid=save]");

        await Assertions.Expect(bo.Locator("[data-testid=no-conflicts]")).ToBeVisibleAsync();
        await Assertions.Expect(bo.Locator("[data-testid=merge-save]")).ToBeEnabledAsync();
        await bo.ClickAsync("[data-testid=merge-save]");

        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3");
        Assert.Equal(Text(With((0, "Title by Ana"), (8, "Bottom by Bo"))), (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
    }

    [Fact]
    public async Task ARewrappedParagraphAndAWordEditMeetAsCombinedForCheckingAndSaveAsTheHumansMergedThem()
    {
        // A real merge from rust-lang/reference: Bo re-wrapped paragraphs to one sentence a line and added link
        // definitions; Ana linked a word and added a definition at the same place. Git leaves two conflicts.
        var folder = Path.Combine(RepositoryRoot.Path, "..", "shared", "merge-cases", "rust-reference", "82517788e1-src_statements.md");
        string Read(string file) => File.ReadAllText(Path.Combine(folder, file));
        var document = await app.CreateDocumentAsync("Statements", Read("base"));
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}");
        await EditorDriver.PasteAllAsync(bo, Read("ours"));
        await EditorDriver.PasteAllAsync(ana, Read("theirs"));
        await ana.ClickAsync("[data-testid=save]");
        await Assertions.Expect(ana.Locator("[data-testid=status]")).ToContainTextAsync("v2");

        await bo.ClickAsync("[data-testid=save]");

        var dialog = bo.Locator("[data-testid=merge-dialog]");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(bo.Locator("[data-testid=combined]")).ToHaveCountAsync(2);
        await Assertions.Expect(bo.Locator("[data-testid=conflict]")).ToHaveCountAsync(0);
        await Assertions.Expect(bo.Locator("[data-testid=combined-count]")).ToContainTextAsync("2 places you both changed were combined");
        await Assertions.Expect(bo.Locator("[data-testid=combined-text]").First).ToContainTextAsync("restricts its [scope] to the block containing the statement.");
        await bo.Locator("[data-testid=combined]").First.ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(bo, "merge-dialog-combined", fullPage: false);

        // Not trusted: the first becomes a conflict; Bo takes Ana's side there, keeps the other combination, saves.
        await bo.Locator("[data-testid=uncombine]").First.ClickAsync();
        await Assertions.Expect(bo.Locator("[data-testid=conflict]")).ToHaveCountAsync(1);
        await Assertions.Expect(bo.Locator("[data-testid=combined]")).ToHaveCountAsync(1);
        await Assertions.Expect(bo.Locator("[data-testid=merge-save]")).ToBeDisabledAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Take theirs" }).ClickAsync();
        await bo.ClickAsync("[data-testid=merge-save]");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3");

        var saved = (await app.GetDocumentAsync(slug)).GetProperty("content").GetString()!;
        Assert.Contains("restricts its [scope] to the block", saved, StringComparison.Ordinal);
        Assert.Contains("[_BlockExpression_]: expressions/block-expr.md\n[scope]: names/scopes.md\n", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAutosaveOffAReloadInTheMiddleOfEditingKeepsTheDraft()
    {
        var document = await app.CreateDocumentAsync("Reload", Text(Lines));
        var slug = document.GetProperty("slug").GetString()!;
        var page = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var draft = Text(With((4, "Typed but not saved")));

        await EditorDriver.PasteAllAsync(page, draft);
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");
        await app.OpenAsync(page, $"/docs/{slug}");

        await EditorDriver.ExpectTextAsync(page, draft);
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("draft was restored");
        Assert.Equal(1, (await app.GetDocumentAsync(slug)).GetProperty("version").GetInt32());

        // Offered back, not forced: discarding it returns to the saved text, also after another reload.
        await page.ClickAsync("[data-testid=discard-draft]");
        await EditorDriver.ExpectTextAsync(page, Text(Lines));
        await app.OpenAsync(page, $"/docs/{slug}");
        await EditorDriver.ExpectTextAsync(page, Text(Lines));
    }

    [Fact]
    public async Task AnArchivedDocumentShowsItsMessageAndCannotBeSaved()
    {
        var document = await app.CreateDocumentAsync("Archived", Text(Lines));
        var id = document.GetProperty("id").GetString()!;
        using (var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{id}"))
        {
            archive.Headers.TryAddWithoutValidation("If-Match", (await app.Api.GetAsync($"/api/documents/{id}")).Headers.ETag!.ToString());
            (await app.Api.SendAsync(archive)).EnsureSuccessStatusCode();
        }

        var page = await app.OpenAsAsync("Ana", $"/docs/{document.GetProperty("slug").GetString()}");

        await Assertions.Expect(page.Locator("[data-testid=error]")).ToContainTextAsync("archived");
        await Assertions.Expect(page.Locator("[data-testid=save]")).ToBeDisabledAsync();
        await AppFixture.ScreenshotAsync(page, "archived-document");
    }

    [Fact]
    public async Task TheMergeDialogFitsAPhoneScreen()
    {
        var document = await app.CreateDocumentAsync("Phone", Text(Lines));
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}", new ViewportSize { Width = 390, Height = 844 });
        await EditorDriver.PasteAllAsync(bo, Text(With((0, "Title by Bo"))));
        await EditorDriver.PasteAllAsync(ana, Text(With((0, "Title by Ana"))));
        await ana.ClickAsync("[data-testid=save]");
        await Assertions.Expect(ana.Locator("[data-testid=status]")).ToContainTextAsync("v2");

        await bo.ClickAsync("[data-testid=save]");

        await Assertions.Expect(bo.Locator("[data-testid=merge-dialog]")).ToBeVisibleAsync();
        var width = await bo.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The page scrolls sideways on a phone: {width}px wide.");
        await AppFixture.ScreenshotAsync(bo, "merge-dialog-390px");

        // The dialog took the keyboard focus; Escape cancels it and the draft is still there.
        var focused = await bo.EvaluateAsync<string>("document.activeElement.closest('[role=dialog]') ? 'dialog' : document.activeElement.outerHTML.slice(0, 120)");
        Assert.Equal("dialog", focused);
        await bo.Keyboard.PressAsync("Escape");
        await Assertions.Expect(bo.Locator("[data-testid=merge-dialog]")).ToHaveCountAsync(0);
        await EditorDriver.ExpectTextAsync(bo, Text(With((0, "Title by Bo"))));
    }
}

/// <summary>Compare and restore, on versions saved by hand (autosave off).</summary>
[Collection(AppProcess.Name)]
public sealed class HistoryTests(AppFixture app)
{
    [Fact]
    public async Task TwoRevisionsCanBeComparedAndAnOldOneRestoredAsANewVersion()
    {
        var document = await app.CreateDocumentAsync("History", "first line\nsecond line\n");
        var slug = document.GetProperty("slug").GetString()!;
        var page = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        await EditorDriver.PasteAllAsync(page, "first line\nsecond line, changed\n");
        await page.ClickAsync("[data-testid=save]");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v2");

        await page.ClickAsync("[data-testid=history-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=revision]")).ToHaveCountAsync(2);
        await page.GetByLabel("Compare v1").CheckAsync();
        await page.GetByLabel("Compare v2").CheckAsync();
        await page.ClickAsync("[data-testid=compare]");
        await Assertions.Expect(page.Locator("[data-testid=comparison] .ce-word-changed")).ToContainTextAsync(["changed"]);
        await AppFixture.ScreenshotAsync(page, "history-comparison");

        await page.Locator("[data-testid=revision]", new() { HasText = "v1" }).GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v3");
        var current = await app.GetDocumentAsync(slug);
        Assert.Equal("first line\nsecond line\n", current.GetProperty("content").GetString());
        Assert.Equal(3, current.GetProperty("version").GetInt32());
    }
}

[Collection(AppProcess.Name)]
public sealed class TitleAndEmptySaveTests(AppFixture app)
{
    [Fact]
    public async Task TwoRenamesMeetAsATitleConflictInTheMergeDialog()
    {
        var document = await app.CreateDocumentAsync("Budget", "Numbers.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenWithAutosaveOffAsync("Bo", $"/docs/{slug}");

        // Bo renames first and has not saved when Ana's rename lands.
        await bo.Locator("[data-testid=title]").ClearAsync();
        await Typing.TypeAsync(bo, "[data-testid=title]", "Budget (draft)");
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");
        await ana.Locator("[data-testid=title]").ClearAsync();
        await Typing.TypeAsync(ana, "[data-testid=title]", "Budget 2027");
        await ana.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(ana.Locator("[data-testid=status]")).ToContainTextAsync("v2 · saved");
        await Assertions.Expect(bo.Locator("[data-testid=incoming]")).ToContainTextAsync("v2 saved by Ana");
        await bo.Keyboard.PressAsync("Control+s");

        var conflict = bo.Locator("[data-testid=title-conflict]");
        await Assertions.Expect(conflict).ToBeVisibleAsync();
        await Assertions.Expect(bo.Locator("[data-testid=title-mine]")).ToHaveTextAsync("Budget (draft)");
        await Assertions.Expect(bo.Locator("[data-testid=title-theirs]")).ToHaveTextAsync("Budget 2027");
        await Assertions.Expect(bo.Locator("[data-testid=merge-save]")).ToBeDisabledAsync();
        await AppFixture.ScreenshotAsync(bo, "merge-dialog-title-conflict");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Take my title" }).ClickAsync();
        await bo.ClickAsync("[data-testid=merge-save]");

        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v3 · saved");
        Assert.Equal("Budget (draft)", (await app.GetDocumentAsync(slug)).GetProperty("title").GetString());
        await Assertions.Expect(bo.Locator("[data-testid=title]")).ToHaveValueAsync("Budget (draft)");
    }

    [Fact]
    public async Task SavingWithoutAChangeMakesNoVersion()
    {
        var document = await app.CreateDocumentAsync("Unchanged", "Same.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var page = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        Assert.True(await EditorDriver.IsAutosaveOnAsync(page), "Autosave is on by default: this is also about autosave making no empty version.");

        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("Nothing to save");
        await EditorDriver.TypeAtAsync(page, 0, "x");
        await page.Keyboard.PressAsync("Backspace");
        await page.Keyboard.PressAsync("Control+s");

        // Whichever came first, the autosave or Ctrl+S, found the text as v1 has it (an autosave says so in the status
        // line alone, so the notice may or may not be there): what matters is that no version is made.
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v1 · saved");

        // Past autosave's pause and its longest wait: it found nothing to save either.
        await page.WaitForTimeoutAsync(2_500);
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v1 · saved");
        Assert.Equal(1, (await app.GetDocumentAsync(slug)).GetProperty("version").GetInt32());
    }
}
