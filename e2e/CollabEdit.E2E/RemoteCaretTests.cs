using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>Where the others are: each editor shows the others' carets and selections, with their names, as they move.</summary>
[Collection(AppProcess.Name)]
public sealed class RemoteCaretTests(AppFixture app)
{
    private const string Editor = "document.querySelector('[data-testid=editor]').editor";

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task ACaretMovedWithTheKeyboardShowsInTheOtherEditorWithItsNameAndFollows(string theme)
    {
        var document = await app.CreateDocumentAsync($"Carets {theme}", "# Where the others are\n\nFirst paragraph, written by Ana.\n\nSecond paragraph, read by Bo.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await OpenAsync("Ana", $"/docs/{slug}", theme);
        var bo = await OpenAsync("Bo", $"/docs/{slug}", theme);

        // Ana clicks into the text and walks down to the third line with the keyboard.
        await ana.Locator("[data-testid=editor-content]").ClickAsync();
        await ana.Keyboard.PressAsync("Control+Home");
        await ana.Keyboard.PressAsync("ArrowDown");
        await ana.Keyboard.PressAsync("ArrowDown");
        await ana.Keyboard.PressAsync("End");
        var anaCaret = await ana.EvaluateAsync<int>($"() => {Editor}.view.state.selection.main.head");

        var caret = bo.Locator("[data-testid=remote-caret]");
        await Assertions.Expect(caret).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        await Assertions.Expect(caret).ToHaveAttributeAsync("data-name", "Ana");
        await ExpectCaretAtAsync(bo, anaCaret);

        // Ana selects back to the start of the line: Bo sees the caret follow and the selection marked.
        await ana.Keyboard.PressAsync("Shift+Home");
        var moved = await ana.EvaluateAsync<int>($"() => {Editor}.view.state.selection.main.head");
        Assert.NotEqual(anaCaret, moved);
        await ExpectCaretAtAsync(bo, moved);
        await Assertions.Expect(bo.Locator(".ce-remote-selection")).ToHaveTextAsync("First paragraph, written by Ana.");

        // Ana never sees her own caret drawn as someone else's; she sees Bo's once he moves.
        await Assertions.Expect(ana.Locator("[data-testid=remote-caret]")).ToHaveCountAsync(0);
        await bo.Locator("[data-testid=editor-content]").ClickAsync();
        await bo.Keyboard.PressAsync("Control+End");
        await Assertions.Expect(ana.Locator("[data-testid=remote-caret][data-name=Bo]")).ToHaveCountAsync(1, new() { Timeout = 5_000 });
        await Assertions.Expect(bo.Locator("[data-testid=remote-caret][data-name=Bo]")).ToHaveCountAsync(0);

        await PageChecks.Shoot(bo, $"remote-caret-{theme}");

        // Ana closes her tab: her caret goes from Bo's editor.
        await ana.Context.CloseAsync();
        await Assertions.Expect(caret).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    /// <summary>Waits until the other's caret (the only one shown) stands at <paramref name="position"/> in this editor's text.</summary>
    private static async Task ExpectCaretAtAsync(IPage page, int position)
    {
        var script = $"position => {{ const el = document.querySelector('[data-testid=remote-caret]'); return !!el && {Editor}.view.posAtDOM(el) === position; }}";
        try
        {
            await page.WaitForFunctionAsync(script, position, new() { Timeout = 5_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            var at = await page.EvaluateAsync<int>($"() => {{ const el = document.querySelector('[data-testid=remote-caret]'); return el ? {Editor}.view.posAtDOM(el) : -1; }}");
            Assert.Fail($"The remote caret stands at {at}, not at {position}.");
        }
    }

    private async Task<IPage> OpenAsync(string name, string path, string theme)
    {
        var context = await app.NewPersonAsync(name);
        await context.AddInitScriptAsync($"localStorage.setItem('collabedit-theme', '{theme}')");
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await app.OpenAsync(page, path);
        return page;
    }
}
