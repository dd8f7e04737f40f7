using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>In open mode nobody signs in: a draft belongs to the name the person gave, on a browser shared by several.</summary>
[Collection(AppProcess.Name)]
public sealed class OpenModeDraftTests(AppFixture app)
{
    [Fact]
    public async Task InOpenModeADraftIsOfferedOnlyToTheNameThatWroteIt()
    {
        const string Text = "Shared text.\n";
        var document = await app.CreateDocumentAsync("Open-mode drafts", Text);
        var slug = document.GetProperty("slug").GetString()!;
        var context = await app.NewPersonAsync("Ana");

        // Autosave off (kept by the browser, whoever uses it): a draft that nothing saves.
        await EditorDriver.KeepAutosaveOffAsync(context, document.GetProperty("id").GetString()!);
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await app.OpenAsync(page, $"/docs/{slug}");

        // Ana types, without saving.
        await EditorDriver.SetCaretAsync(page, "Shared text.".Length);
        await page.Locator("[data-testid=editor-content]").PressSequentiallyAsync(" Ana's idea.", new() { Delay = 80 });
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");

        // Bo gives his name on the same browser: the document as saved, nothing of Ana's.
        await SetNameAsync(context, "Bo");
        await app.OpenAsync(page, $"/docs/{slug}");
        await EditorDriver.ExpectTextAsync(page, Text);
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToHaveCountAsync(0);

        // Back under Ana's name, her draft is offered back.
        await SetNameAsync(context, "Ana");
        await app.OpenAsync(page, $"/docs/{slug}");
        await EditorDriver.ExpectTextAsync(page, "Shared text. Ana's idea.\n");
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("draft was restored");
    }

    private Task SetNameAsync(IBrowserContext context, string name) =>
        context.AddCookiesAsync([new Cookie { Name = "collabedit-name", Value = Uri.EscapeDataString(name), Url = app.Address.ToString() }]);
}
