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

        await page.ClickAsync("[data-testid=new-document]");
        await Typing.TypeAsync(page.Locator("[data-testid=new-title]"), title);
        await page.ClickAsync("[data-testid=create]");

        // Blazor navigates within the page (no load event): wait for the editor itself.
        await Assertions.Expect(page.Locator("#ce-title")).ToHaveValueAsync(title, new() { Timeout = 10_000 });
        Assert.Contains("/docs/", page.Url, StringComparison.Ordinal);
        await app.OpenAsync(page, "/");
        await Typing.TypeAsync(page.Locator("[data-testid=search]"), title);
        await Assertions.Expect(page.Locator("[data-testid=documents] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=documents]")).ToContainTextAsync("Ana");
    }

    [Fact]
    public async Task ATakenAddressIsRefusedInPlainWordsAndNothingIsCreated()
    {
        var existing = await app.CreateDocumentAsync("Taken address", "");
        var slug = existing.GetProperty("slug").GetString()!;
        var page = await app.OpenListAsync("Ana");

        await page.ClickAsync("[data-testid=new-document]");
        await Typing.TypeAsync(page.Locator("[data-testid=new-title]"), "Another one");
        await Typing.TypeAsync(page.Locator("[data-testid=new-slug]"), slug);
        await page.ClickAsync("[data-testid=create]");

        await Assertions.Expect(page.Locator("[data-testid=create-error]")).ToContainTextAsync($"'{slug}' is already used");
        var matches = await app.Api.GetFromJsonAsync<JsonElement>("/api/documents?q=Another%20one");
        Assert.Equal(0, matches.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TheListPagesSortsAndSearchesOnTheServerBeyondOnePage()
    {
        var prefix = $"Paged {Guid.NewGuid():N}"[..14];
        for (var i = 1; i <= 30; i++)
        {
            await app.CreateDocumentAsync($"{prefix} {i:D2}", "");
        }

        var page = await app.OpenAsAsync("Ana", $"/?q={Uri.EscapeDataString(prefix)}");
        var rows = page.Locator("[data-testid=documents] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(page.Locator("[data-testid=documents]")).ToContainTextAsync("1-25 of 30");

        await Assertions.Expect(rows.First).ToContainTextAsync($"{prefix} 30");

        await page.GetByText("Title", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync($"{prefix} 01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(rows.First).ToContainTextAsync($"{prefix} 26");
    }

    [Fact]
    public async Task ADocumentIsArchivedAndRestoredFromTheList()
    {
        var title = $"Archive me {Guid.NewGuid():N}"[..20];
        await app.CreateDocumentAsync(title, "");
        var page = await app.OpenAsAsync("Ana", $"/?q={Uri.EscapeDataString(title)}");
        var rows = page.Locator("[data-testid=documents] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Archive {title}" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-documents]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=archived-filter]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Restore {title}" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=no-documents]")).ToBeVisibleAsync();

        var matches = await app.Api.GetFromJsonAsync<JsonElement>($"/api/documents?q={Uri.EscapeDataString(title)}");
        Assert.Equal(1, matches.GetProperty("total").GetInt32());
    }
}
