using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Live editing across servers: two people typing at once, each in Chromium on another app server of the cluster
/// (<c>scripts/cluster.sh</c>: nginx in front, PostgreSQL, Redis carrying the announcements), autosave on.
/// </summary>
[Collection(ClusterTests.Sequential)]
public sealed class LiveClusterTests(ClusterTests.Cluster cluster) : IClassFixture<ClusterTests.Cluster>, IAsyncLifetime
{
    private const string Trip = "# Trip notes\n\nWe leave on Monday from Lisbon.\n\nThe hotel is near the river.\n\nBring boots and a warm coat.\n";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    [Fact]
    public async Task TwoPeopleOnTwoServersBehindNginxTypingInDifferentParagraphsConvergeWithNothingLost()
    {
        using var created = await cluster.Client.PostAsJsonAsync("/api/documents", new { title = "Live on two servers", content = Trip });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = document.GetProperty("id").GetString()!;
        var slug = document.GetProperty("slug").GetString()!;
        var ana = await OpenOnServerAsync(1, "Ana", slug);
        var bo = await OpenOnServerAsync(2, "Bo", slug);
        const string AnaTyped = " Ana books the night train to Porto and two seats by the window.";
        const string BoTyped = " Bo packs the maps, the tickets and a small torch for the walk.";
        var anaAt = Trip.IndexOf("Lisbon.", StringComparison.Ordinal) + "Lisbon.".Length;
        var boAt = Trip.IndexOf("coat.", StringComparison.Ordinal) + "coat.".Length;

        await Task.WhenAll(EditorDriver.TypeAsPersonAsync(ana, anaAt, anaAt, AnaTyped), EditorDriver.TypeAsPersonAsync(bo, boAt, boAt, BoTyped));

        var expected = Trip.Insert(boAt, BoTyped).Insert(anaAt, AnaTyped);
        Assert.Equal(expected, await Convergence.ExpectAsync([ana, bo], () => ContentAsync(cluster.Client, id), 30_000));
        await Convergence.ExpectNothingAskedAsync(ana, bo);

        // Both servers read the same from the database.
        foreach (var n in new[] { 1, 2 })
        {
            using var direct = new HttpClient { BaseAddress = cluster.Server(n) };
            Assert.Equal(expected, await ContentAsync(direct, id));
        }
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await AppFixture.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The document open in a browser whose route cookie makes nginx send it to server <paramref name="n"/> (checked on the page's response).</summary>
    private async Task<IPage> OpenOnServerAsync(int n, string name, string slug)
    {
        var route = await cluster.RouteToAsync(n);
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        await context.AddCookiesAsync(
        [
            new Microsoft.Playwright.Cookie { Name = "collabedit-name", Value = Uri.EscapeDataString(name), Url = cluster.Address.ToString() },
            new Microsoft.Playwright.Cookie { Name = "collabedit_route", Value = route, Url = cluster.Address.ToString() },
        ]);
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        var response = await page.GotoAsync(new Uri(cluster.Address, $"/docs/{slug}").ToString());
        Assert.Equal(cluster.Server(n).Authority, (await response!.AllHeadersAsync())["x-collabedit-upstream"]);
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await EditorDriver.IsAutosaveOnAsync(page), $"Autosave is off for {name}.");
        return page;
    }

    private static async Task<string> ContentAsync(HttpClient api, string id) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/documents/{id}")).GetProperty("content").GetString()!;
}
