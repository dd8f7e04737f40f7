using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

[Collection(AppProcess.Name)]
public sealed class DocumentsListTests(AppFixture app)
{
    [Fact]
    public async Task CreatingADocumentOpensItsEditorAndSearchFindsIt()
    {
        var title = $"Trip plan {Guid.NewGuid():N}"[..20];
        var page = await app.OpenListAsync("Ana");

        await page.GetByLabel("New document title").FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        // Blazor navigates within the page (no load event): wait for the editor itself.
        await Assertions.Expect(page.Locator("#ce-title")).ToHaveValueAsync(title, new() { Timeout = 10_000 });
        Assert.Contains("/docs/", page.Url, StringComparison.Ordinal);
        await app.OpenAsync(page, "/");
        await page.GetByLabel("Search by title").FillAsync(title);
        await Assertions.Expect(page.Locator("[data-testid=documents] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=documents]")).ToContainTextAsync("Ana");
    }

    [Fact]
    public async Task ATakenAddressIsRefusedInPlainWordsAndNothingIsCreated()
    {
        var existing = await app.CreateDocumentAsync("Taken address", "");
        var slug = existing.GetProperty("slug").GetString()!;
        var page = await app.OpenListAsync("Ana");

        await page.GetByLabel("New document title").FillAsync("Another one");
        await page.GetByLabel("Address (optional)").FillAsync(slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();

        await Assertions.Expect(page.Locator(".ce-error")).ToContainTextAsync($"'{slug}' is already used");
        var matches = await app.Api.GetFromJsonAsync<JsonElement>("/api/documents?q=Another%20one");
        Assert.Equal(0, matches.GetProperty("total").GetInt32());
    }
}
