using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// One real app process (its own executable, a free loopback port, a fresh SQLite file) and one Chromium for
/// all browser tests; each test makes its own documents and browser contexts.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public AppServer Server { get; } = new();

    public Uri Address => Server.Address;
    public HttpClient Api { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public static string Root => RepositoryRoot.Path;

    public static string ScreenshotFolder { get; } = Path.Combine(Root, "artifacts", "e2e-screenshots");

    public async Task InitializeAsync()
    {
        await Server.StartAsync();
        Api = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    });

    /// <summary>
    /// A browser context as one person: their display name is already set (so the editor does not ask), on this
    /// app or another <paramref name="server"/>, in a window of <paramref name="viewport"/> (1280×720 by default).
    /// </summary>
    public async Task<IBrowserContext> NewPersonAsync(string name, Uri? server = null, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 720 } });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "collabedit-name", Value = Uri.EscapeDataString(name), Url = (server ?? Address).ToString() }]);
        return context;
    }

    /// <summary>A page as one person, once it is interactive; they confirm "leave this page?".</summary>
    public async Task<IPage> OpenAsAsync(string name, string path, ViewportSize? viewport = null)
    {
        var page = await (await NewPersonAsync(name, viewport: viewport)).NewPageAsync();
        AcceptDialogs(page);
        await OpenAsync(page, path);
        return page;
    }

    /// <summary>
    /// A page as one person with autosave switched off for the document, as a user switches it off (the toolbar's
    /// switch): for tests of manual saving, drafts, "Update my draft" and the merge dialog, as the editor was before autosave.
    /// </summary>
    public async Task<IPage> OpenWithAutosaveOffAsync(string name, string path, ViewportSize? viewport = null)
    {
        var page = await OpenAsAsync(name, path, viewport);
        await EditorDriver.TurnAutosaveOffAsync(page);
        return page;
    }

    /// <summary>The documents list as one person, once it is interactive.</summary>
    public Task<IPage> OpenListAsync(string name) => OpenAsAsync(name, "/");

    /// <summary>The person confirms "leave this page?" (shown while there are unsaved changes); tests that check it look at the dialog first.</summary>
    public static void AcceptDialogs(IPage page) => page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

    /// <summary>Navigates and waits until the page is interactive (the Blazor circuit is up).</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(Address, path).ToString());
        await page.Locator("[data-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
    }

    public async Task<JsonElement> CreateDocumentAsync(string title, string content)
    {
        using var response = await Api.PostAsJsonAsync("/api/documents", new { title, content });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// Saves through the API as <paramref name="author"/>, guarded by <paramref name="baseVersion"/> or, when given,
    /// <paramref name="ifMatch"/>; fails the test unless it is saved. Returns the new ETag.
    /// </summary>
    public async Task<string> SaveAsync(string idOrSlug, string content, string author, int? baseVersion = null, string? ifMatch = null)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{idOrSlug}") { Content = JsonContent.Create(new { content, baseVersion }) };
        put.Headers.Add("X-Author", author);
        if (ifMatch is not null)
        {
            put.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await Api.SendAsync(put);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    public async Task<JsonElement> GetDocumentAsync(string idOrSlug) =>
        await Api.GetFromJsonAsync<JsonElement>($"/api/documents/{idOrSlug}");

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = fullPage });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppProcess : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
