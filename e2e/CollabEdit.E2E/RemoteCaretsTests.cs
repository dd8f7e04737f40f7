using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Where the others are: each editor shows the others' carets with their names, and a caret follows its person as
/// they move and type (autosave on, typed at 80 ms a key).
/// </summary>
[Collection(AppProcess.Name)]
public sealed class RemoteCaretsTests(AppFixture app)
{
    private const string Trip = "# Trip notes\n\nWe leave on Monday from Lisbon.\n\nThe hotel is near the river.\n\nBring boots and a warm coat.\n";

    /// <summary>The document position of Ana's caret as Bo's editor shows it, or -1 while it shows none.</summary>
    private const string AnasCaretAt = """
        () => {
            const editor = document.querySelector('[data-testid=editor]').editor;
            const caret = document.querySelector('[data-testid=remote-caret][data-name="Ana"]');
            return caret ? editor.view.posAtDOM(caret) : -1;
        }
        """;

    [Fact]
    public async Task AnotherPersonsCaretAppearsWithTheirNameAndFollowsThemAsTheyMoveAndType()
    {
        var document = await app.CreateDocumentAsync("Carets", Trip);
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        var river = Trip.IndexOf("river", StringComparison.Ordinal);

        await EditorDriver.SetCaretAsync(ana, river);
        await Assertions.Expect(bo.Locator("[data-testid=remote-caret][data-name=Ana]")).ToHaveCountAsync(1);
        await ExpectCaretAtAsync(bo, river);
        await Assertions.Expect(bo.Locator("[data-testid=remote-caret][data-name=Ana]")).ToContainTextAsync("Ana");
        await Assertions.Expect(bo.Locator("[data-testid=remote-caret][data-name=Bo]")).ToHaveCountAsync(0);

        // She types: her words arrive and her caret is after them.
        await ana.Locator("[data-testid=editor-content]").PressSequentiallyAsync("old ", new() { Delay = Typing.KeyDelayMs });
        await bo.WaitForFunctionAsync("() => document.querySelector('[data-testid=editor]').editor.text().includes('near the old river')", null, new() { Timeout = 10_000 });
        await ExpectCaretAtAsync(bo, river + "old ".Length);
        await AppFixture.ScreenshotAsync(bo, "remote-caret", fullPage: false);

        // She moves to another paragraph: it follows.
        var coat = Trip.IndexOf("coat", StringComparison.Ordinal) + "old ".Length;
        await EditorDriver.SetCaretAsync(ana, coat);
        await ExpectCaretAtAsync(bo, coat);

        // She leaves: her caret goes.
        await ana.Context.CloseAsync();
        await Assertions.Expect(bo.Locator("[data-testid=remote-caret][data-name=Ana]")).ToHaveCountAsync(0, new() { Timeout = 15_000 });
    }

    private static async Task ExpectCaretAtAsync(IPage page, int position)
    {
        try
        {
            await page.WaitForFunctionAsync($"position => ({AnasCaretAt})() === position", position, new() { Timeout = 10_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Ana's caret shows at {await page.EvaluateAsync<int>(AnasCaretAt)} in Bo's editor, not at {position}.");
        }
    }
}
