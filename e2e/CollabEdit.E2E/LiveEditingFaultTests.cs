using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Live editing with autosave on when things go wrong: a person offline for 20 s while the other types, the server
/// killed and restarted while two people type, a reload right after a keystroke. Nothing typed is lost, everyone
/// converges on the server's text, and disjoint edits ask nothing of anyone.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class LiveEditingFaultTests(AppFixture app)
{
    private const string Trip = "# Trip notes\n\nWe leave on Monday from Lisbon.\n\nThe hotel is near the river.\n\nBring boots and a warm coat.\n";
    private static readonly int AnaAt = Trip.IndexOf("Lisbon.", StringComparison.Ordinal) + "Lisbon.".Length;
    private static readonly int BoAt = Trip.IndexOf("coat.", StringComparison.Ordinal) + "coat.".Length;

    [Fact]
    public async Task OnePersonOfflineForTwentySecondsWhileTheOtherTypesConvergesWhenBackWithNothingLostAndNoDialog()
    {
        var document = await app.CreateDocumentAsync("Offline and back", Trip);
        var id = document.GetProperty("id").GetString()!;
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await app.OpenAsAsync("Ana", $"/docs/{slug}");
        var bo = await app.OpenAsAsync("Bo", $"/docs/{slug}");
        const string AnaTyped = " Ana books the night train to Porto.";
        const string BoTyped = " Bo packs the maps in the tunnel.";

        await bo.Context.SetOfflineAsync(true);
        var offline = Stopwatch.StartNew();
        await Assertions.Expect(bo.Locator("[data-testid=connection]")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Task.WhenAll(EditorDriver.TypeAsPersonAsync(ana, AnaAt, AnaAt, AnaTyped), EditorDriver.TypeAsPersonAsync(bo, BoAt, BoAt, BoTyped));

        // Ana's words are saved meanwhile; Bo's stay with him, and his status line does not call them saved.
        await WaitForServerAsync(() => ContentAsync(app.Api, id), text => text.Contains(AnaTyped, StringComparison.Ordinal), "Ana's words saved while Bo is offline");
        Assert.DoesNotContain(BoTyped, await ContentAsync(app.Api, id), StringComparison.Ordinal);
        Assert.Contains(BoTyped, await EditorDriver.TextAsync(bo), StringComparison.Ordinal);
        await AppFixture.ScreenshotAsync(bo, "live-offline-typing", fullPage: false);
        var statusOffline = await bo.Locator("[data-testid=status]").TextContentAsync() ?? "";
        var rest = TimeSpan.FromSeconds(20) - offline.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        await bo.Context.SetOfflineAsync(false);

        var expected = Trip.Insert(BoAt, BoTyped).Insert(AnaAt, AnaTyped);
        Assert.Equal(expected, await Convergence.ExpectAsync([ana, bo], () => ContentAsync(app.Api, id), 30_000));
        await Convergence.ExpectNothingAskedAsync(ana, bo);

        // Checked last, so that a failure here still shows whether the rest holds: offline, the status line did not
        // call Bo's words saved.
        Assert.True(statusOffline.Contains("kept in this browser", StringComparison.Ordinal), $"Offline with unsaved words, Bo's status line said \"{statusOffline.Trim()}\".");
    }

    [Fact]
    public async Task TheServerKilledAndRestartedWhileTwoPeopleTypeLosesNothingAndTheyConverge()
    {
        await using var server = new AppServer();
        await server.StartAsync();
        using var api = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        using var created = await api.PostAsJsonAsync("/api/documents", new { title = "Crash while live", content = Trip });
        var document = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = document.GetProperty("id").GetString()!;
        var ana = await OpenOnAsync(server, "Ana", document.GetProperty("slug").GetString()!);
        var bo = await OpenOnAsync(server, "Bo", document.GetProperty("slug").GetString()!);
        (string Before, string After) anaTyped = (" Ana books the train", " and two seats by the window.");
        (string Before, string After) boTyped = (" Bo packs the maps", " and a torch for the walk.");

        await Task.WhenAll(EditorDriver.TypeAsPersonAsync(ana, AnaAt, AnaAt, anaTyped.Before), EditorDriver.TypeAsPersonAsync(bo, BoAt, BoAt, boTyped.Before));
        await server.KillAsync();
        await Task.WhenAll(TypeOnAsync(ana, anaTyped.After), TypeOnAsync(bo, boTyped.After));
        await Assertions.Expect(ana.Locator("[data-testid=connection]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(bo.Locator("[data-testid=connection]")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        await server.StartAsync();

        // Each page finds the server again (which has forgotten it), comes back with its text and saves it by itself.
        var expected = Trip.Insert(BoAt, boTyped.Before + boTyped.After).Insert(AnaAt, anaTyped.Before + anaTyped.After);
        Assert.Equal(expected, await Convergence.ExpectAsync([ana, bo], () => ContentAsync(api, id), 90_000));
        await Convergence.ExpectNothingAskedAsync(ana, bo);
    }

    [Fact]
    public async Task AReloadFiftyMillisecondsAfterTypingLosesNothingAndTheTextIsSavedByItself()
    {
        var document = await app.CreateDocumentAsync("Quick reload, live", "Some text.\n");
        var id = document.GetProperty("id").GetString()!;
        var page = await app.OpenAsAsync("Ana", $"/docs/{document.GetProperty("slug").GetString()}");

        await EditorDriver.TypeAsPersonAsync(page, "Some text.".Length, "Some text.".Length, " Typed just now");
        await page.WaitForTimeoutAsync(50);
        await page.ReloadAsync();
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });

        Assert.Equal("Some text. Typed just now\n", await Convergence.ExpectAsync([page], () => ContentAsync(app.Api, id)));
        await Convergence.ExpectNothingAskedAsync(page);
    }

    private async Task<IPage> OpenOnAsync(AppServer server, string name, string slug)
    {
        var page = await (await app.NewPersonAsync(name, server.Address)).NewPageAsync();
        AppFixture.AcceptDialogs(page);
        await page.GotoAsync(new Uri(server.Address, $"/docs/{slug}").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
        return page;
    }

    /// <summary>Types on where the caret is, as a person does.</summary>
    private static Task TypeOnAsync(IPage page, string text) => page.Keyboard.TypeAsync(text, new() { Delay = Typing.KeyDelayMs });

    private static async Task<string> ContentAsync(HttpClient api, string id) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/documents/{id}")).GetProperty("content").GetString()!;

    private static async Task WaitForServerAsync(Func<Task<string>> read, Func<string, bool> condition, string what, int seconds = 15)
    {
        for (var waited = Stopwatch.StartNew(); !condition(await read()); await Task.Delay(200))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(seconds), $"Not within {seconds} s: {what}.");
        }
    }
}
