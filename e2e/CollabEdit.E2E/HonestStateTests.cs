using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// The page tells the truth about the connection and about the others: a banner within seconds of going offline,
/// no click silently lost while offline, recovery within seconds of coming back, and "typing…" only for typing.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class HonestStateTests(AppFixture app)
{
    /// <summary>Autosave off: a Save clicked offline is kept and made on return (autosave offline and back: LiveEditingFaultTests).</summary>
    [Theory]
    [InlineData("light", 1280, 720)]
    [InlineData("dark", 390, 844)]
    public async Task WithAutosaveOffOfflineTheBannerShowsAtOnceSaveIsKeptAndDoneOnReturnAndThePageAnswersWithinSecondsOfComingBack(string theme, int width, int height)
    {
        var document = await app.CreateDocumentAsync("Offline save", "Before.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var context = await app.NewPersonAsync("Ana", viewport: new ViewportSize { Width = width, Height = height });
        await context.AddInitScriptAsync($"localStorage.setItem('collabedit-theme', '{theme}')");
        await EditorDriver.KeepAutosaveOffAsync(context, document.GetProperty("id").GetString()!);
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await app.OpenAsync(page, $"/docs/{slug}");
        await EditorDriver.TypeAtAsync(page, "Before.".Length, " Typed, then the train entered a tunnel.");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");

        await page.Context.SetOfflineAsync(true);
        await Assertions.Expect(page.Locator("[data-testid=connection]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Assertions.Expect(page.Locator("[data-testid=connection]")).ToContainTextAsync("Connection to the server lost");

        // Typing goes on; Save and History say what happens to them instead of doing nothing.
        await EditorDriver.TypeAtAsync(page, 0, "Tunnel: ");
        await page.ClickAsync("[data-testid=save]");
        await Assertions.Expect(page.Locator("[data-testid=connection-refused]")).ToHaveTextAsync("Not saved — kept in this browser. It will be saved as soon as the connection is back.");
        await PageChecks.Shoot(page, $"offline-save-kept-{theme}-{width}");
        await page.ClickAsync("[data-testid=history-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=connection-refused]")).ToContainTextAsync("That needs the server");
        await Assertions.Expect(page.Locator("[data-testid=history]")).ToHaveCountAsync(0);

        // Back online: reconnected at once, the kept save is made, and the page answers clicks again.
        var back = Stopwatch.StartNew();
        await page.Context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v2 · saved", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("[data-testid=connection]")).ToBeHiddenAsync(new() { Timeout = 5_000 });
        await page.ClickAsync("[data-testid=history-toggle]");
        await Assertions.Expect(page.Locator("[data-testid=history]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        Assert.True(back.Elapsed < TimeSpan.FromSeconds(10), $"The page answered {back.Elapsed.TotalSeconds:N1} s after coming back online.");
        Assert.Equal("Tunnel: Before. Typed, then the train entered a tunnel.\n", (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
    }

    /// <summary>Autosave off: each Save is one click, so the tokens it costs are counted exactly.</summary>
    [Fact]
    public async Task WithAutosaveOffEachBrowserSaveCostsOneWriteTokenAndTheOneOverTheLimitSaysHowLongToWaitAndThatTheTextIsKept()
    {
        // Four writes a minute: the create, then three saves through the real upload path (the editor's text goes up as
        // a request, then the circuit saves it). One token each: the three are saved, and only the fourth is refused.
        // (A save that paid for its upload too ran out at the second.)
        await using var server = new AppServer(new Dictionary<string, string>
        {
            ["CollabEdit__RateLimiting__Writes__TokenLimit"] = "4",
            ["CollabEdit__RateLimiting__Writes__TokensPerPeriod"] = "1",
            ["CollabEdit__RateLimiting__Writes__ReplenishmentPeriod"] = "00:01:00",
        });
        await server.StartAsync();
        using var api = new HttpClient { BaseAddress = server.Address };
        using var created = await api.PostAsJsonAsync("/api/documents", new { title = "Fast saves", content = "One.\n" });
        var document = await created.Content.ReadFromJsonAsync<JsonElement>();
        var slug = document.GetProperty("slug").GetString()!;
        var context = await app.NewPersonAsync("Ana", server.Address);
        await EditorDriver.KeepAutosaveOffAsync(context, document.GetProperty("id").GetString()!);
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await page.GotoAsync(new Uri(server.Address, $"/docs/{slug}").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        string[] words = ["Two. ", "Three. ", "Four. "];
        for (var i = 0; i < words.Length; i++)
        {
            await EditorDriver.SetCaretAsync(page, 0);
            await page.Keyboard.TypeAsync(words[i], new() { Delay = Typing.KeyDelayMs });
            await page.ClickAsync("[data-testid=save]");
            await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync($"v{i + 2} · saved");
        }

        await EditorDriver.SetCaretAsync(page, 0);
        await page.Keyboard.TypeAsync("Five. ", new() { Delay = Typing.KeyDelayMs });
        await page.ClickAsync("[data-testid=save]");

        var error = page.Locator("[data-testid=error]");
        await Assertions.Expect(error).ToContainTextAsync("Not saved: too many saves in a short time. Wait");
        await Assertions.Expect(error).ToContainTextAsync("then save again. Your text is still here and kept in this browser.");
        await Assertions.Expect(error).Not.ToContainTextAsync("failed");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("not saved (kept in this browser)");
        await EditorDriver.ExpectTextAsync(page, "Five. Four. Three. Two. One.\n");
        Assert.Equal(4, (await api.GetFromJsonAsync<JsonElement>($"/api/documents/{slug}")).GetProperty("version").GetInt32());
        await PageChecks.Shoot(page, "save-rate-limited-light");
    }

    [Fact]
    public async Task RestoringAnOldVersionDoesNotShowAsTypingToTheOthers()
    {
        var document = await app.CreateDocumentAsync("Restore presence", "first\n");
        var slug = document.GetProperty("slug").GetString()!;
        await app.SaveAsync(slug, "second\n", "Cy", baseVersion: 1);
        var ana = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        await Assertions.Expect(bo.Locator("[data-testid=presence]")).ToContainTextAsync("Ana");

        await ana.ClickAsync("[data-testid=history-toggle]");
        await ana.Locator("[data-testid=revision]", new() { HasText = "v1" }).GetByRole(AriaRole.Button, new() { Name = "Restore" }).ClickAsync();

        // Bo follows the restored version; Ana never typed, so she never shows as typing.
        await EditorDriver.ExpectTextAsync(bo, "first\n");
        await bo.WaitForTimeoutAsync(500);
        await Assertions.Expect(bo.Locator("[data-testid=presence]")).Not.ToContainTextAsync("typing");

        // Her real typing does show.
        await EditorDriver.TypeAtAsync(ana, 0, "Yes, ");
        await Assertions.Expect(bo.Locator("[data-testid=presence]")).ToContainTextAsync("Ana (typing…)");
    }
}
