using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Real networks and real failures: a tab that goes offline, a server killed while someone types, a reload right
/// after a keystroke. Nothing typed is lost, and nothing one client does stops the server or delays the others.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class FaultTests(AppFixture app)
{
    [Fact]
    public async Task AnOfflineViewerNeitherStopsTheServerNorDelaysTheOthers()
    {
        var document = await app.CreateDocumentAsync("Offline viewer", "v1\n");
        var id = document.GetProperty("id").GetString()!;
        var slug = document.GetProperty("slug").GetString()!;
        var offline = await app.OpenAsAsync("Lid closed", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        var cy = await app.OpenAsAsync("Cy", $"/docs/{slug}");
        var follower = await HubFollowerAsync(id);
        await offline.Context.SetOfflineAsync(true);

        var etag = (await app.Api.GetAsync($"/api/documents/{id}")).Headers.ETag!.ToString();
        for (var version = 2; version <= 21; version++)
        {
            etag = await app.SaveAsync(id, $"v{version}\n", "Ana", ifMatch: etag);
        }

        foreach (var page in new[] { bo, cy })
        {
            await EditorDriver.ExpectTextAsync(page, "v21\n", 15_000);
            await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v21 · saved");
        }

        await follower.WaitForFunctionAsync("() => window.bumps.length >= 20", null, new() { Timeout = 15_000 });
        Assert.Equal(Enumerable.Range(2, 20), (await follower.EvaluateAsync<int[]>("() => window.bumps.map(b => b.version)")).Order());

        // Past the interop timeout every call to the offline tab has failed by now; the server is still serving.
        await Task.Delay(TimeSpan.FromSeconds(15));
        Assert.True(app.Server.IsRunning, "The server process exited.");
        Assert.Equal(HttpStatusCode.OK, (await app.Api.GetAsync("/health")).StatusCode);
        await app.SaveAsync(id, "v22\n", "Ana", ifMatch: etag);
        await EditorDriver.ExpectTextAsync(bo, "v22\n", 5_000);
        await follower.WaitForFunctionAsync("() => window.bumps.length >= 21", null, new() { Timeout = 5_000 });
        await offline.Context.CloseAsync();
    }

    /// <summary>Autosave off: the draft alone keeps the text (with autosave on: LiveEditingFaultTests).</summary>
    [Fact]
    public async Task WithAutosaveOffAReloadFiftyMillisecondsAfterTypingKeepsTheTextAndLeavingWarnsFirst()
    {
        var document = await app.CreateDocumentAsync("Quick reload", "Some text.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var context = await app.NewPersonAsync("Ana");
        await EditorDriver.KeepAutosaveOffAsync(context, document.GetProperty("id").GetString()!);
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Type);
            await dialog.AcceptAsync();
        };
        await app.OpenAsync(page, $"/docs/{slug}");

        await EditorDriver.TypeAtAsync(page, "Some text.".Length, " Typed just now");
        await page.WaitForTimeoutAsync(50);
        await page.ReloadAsync();
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        Assert.Contains("beforeunload", dialogs);
        await EditorDriver.ExpectTextAsync(page, "Some text. Typed just now\n");
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("draft was restored");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");
    }

    /// <summary>Autosave off: a kept draft meeting a newer version is merged in the dialog (with autosave on it is rebased: LiveEditingFaultTests).</summary>
    [Fact]
    public async Task WithAutosaveOffAKeptDraftThatConflictsWithANewerVersionOpensTheMergeWhenThePageComesBack()
    {
        var document = await app.CreateDocumentAsync("Draft meets v2", "Top line.\nMiddle.\nBottom.\n");
        var slug = document.GetProperty("slug").GetString()!;
        var page = await app.OpenWithAutosaveOffAsync("Ana", $"/docs/{slug}");
        await EditorDriver.PasteAllAsync(page, "Top line, mine.\nMiddle.\nBottom.\n");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("unsaved changes");
        await page.Context.SetOfflineAsync(true);
        await app.SaveAsync(slug, "Top line, theirs.\nMiddle.\nBottom.\n", "Bo", baseVersion: 1);

        await page.Context.SetOfflineAsync(false);
        await app.OpenAsync(page, $"/docs/{slug}");

        await Assertions.Expect(page.Locator("[data-testid=merge-dialog]")).ToBeVisibleAsync();
        Assert.Equal("Top line, mine.\n", await page.Locator("[data-testid=conflict-mine]").TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Take mine" }).ClickAsync();
        await page.ClickAsync("[data-testid=merge-save]");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v3 · saved");
        Assert.Equal("Top line, mine.\nMiddle.\nBottom.\n", (await app.GetDocumentAsync(slug)).GetProperty("content").GetString());
    }

    /// <summary>Autosave off: the kept draft is offered back and saved by hand (with autosave on, and two people: LiveEditingFaultTests).</summary>
    [Fact]
    public async Task WithAutosaveOffTheServerKilledAndRestartedWhileAUserTypesLosesNothing()
    {
        await using var server = new AppServer();
        await server.StartAsync();
        using var api = new HttpClient { BaseAddress = server.Address };
        using var created = await api.PostAsJsonAsync("/api/documents", new { title = "Crash", content = "Before.\n" });
        var document = await created.Content.ReadFromJsonAsync<JsonElement>();
        var slug = document.GetProperty("slug").GetString()!;
        var context = await app.NewPersonAsync("Ana", server.Address);
        await EditorDriver.KeepAutosaveOffAsync(context, document.GetProperty("id").GetString()!);
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await page.GotoAsync(new Uri(server.Address, $"/docs/{slug}").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        await EditorDriver.TypeAtAsync(page, "Before.".Length, " Typed before the crash.");
        await server.KillAsync();
        await EditorDriver.TypeAtAsync(page, "Before. Typed before the crash.".Length, " Typed while it was down.");
        await Assertions.Expect(page.Locator("[data-testid=connection]")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await AppFixture.ScreenshotAsync(page, "editor-server-down", fullPage: false);
        const string Typed = "Before. Typed before the crash. Typed while it was down.\n";
        await EditorDriver.ExpectTextAsync(page, Typed);

        await server.StartAsync();

        // The page finds the server again, which has forgotten it: it reloads and offers the kept text back.
        await Assertions.Expect(page.Locator("[data-testid=notice]")).ToContainTextAsync("draft was restored", new() { Timeout = 60_000 });
        await EditorDriver.ExpectTextAsync(page, Typed);
        await page.Keyboard.PressAsync("Control+s");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("v2 · saved");
        Assert.Equal(Typed, (await api.GetFromJsonAsync<JsonElement>($"/api/documents/{slug}")).GetProperty("content").GetString());
    }

    /// <summary>A script following the document through the hub (the JS client), counting the bumps it receives.</summary>
    private async Task<IPage> HubFollowerAsync(string documentId)
    {
        var page = await (await app.Browser.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/health").ToString());
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/assets/vendor/signalr.min.js" });
        await page.EvaluateAsync("""
            async (documentId) => {
                window.bumps = [];
                const connection = new signalR.HubConnectionBuilder().withUrl('/hubs/documents?name=Script').build();
                connection.on('VersionBumped', bump => window.bumps.push(bump));
                await connection.start();
                await connection.invoke('JoinDocument', documentId);
            }
            """, documentId);
        return page;
    }
}
