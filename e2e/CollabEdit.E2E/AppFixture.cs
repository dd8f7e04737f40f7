using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// One real app process (its own executable, a free loopback port, a fresh SQLite file) and one Chromium for
/// all browser tests; each test makes its own documents and browser contexts.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("collabedit-e2e-");
    private Process? _app;
    private IPlaywright? _playwright;

    public Uri Address { get; private set; } = default!;
    public HttpClient Api { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public static string Root { get; } = FindRoot();

    public static string ScreenshotFolder { get; } = Path.Combine(Root, "artifacts", "e2e-screenshots");

    public async Task InitializeAsync()
    {
        var configuration = typeof(AppFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var executable = Path.Combine(Root, "src", "CollabEdit.Web", "bin", configuration, "net9.0", "linux-x64", "CollabEdit.Web");
        var port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(executable, ["--urls", Address.ToString()])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data.FullName,
        };
        start.Environment["ConnectionStrings__CollabEdit"] = $"Data Source={Path.Combine(_data.FullName, "e2e.db")}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["CollabEdit__RateLimiting__Writes__TokenLimit"] = "100000";
        _app = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        _app.OutputDataReceived += (_, _) => { };
        _app.ErrorDataReceived += (_, _) => { };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        Api = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        await WaitForHealthAsync();

        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    /// <summary>A browser context as one person: their display name is already set, so the editor does not ask.</summary>
    public async Task<IPage> OpenAsAsync(string name, string path, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 720 } });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "collabedit-name", Value = Uri.EscapeDataString(name), Url = Address.ToString() }]);
        var page = await context.NewPageAsync();
        await OpenAsync(page, path);
        return page;
    }

    /// <summary>The documents list as one person, once it is interactive.</summary>
    public async Task<IPage> OpenListAsync(string name)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "collabedit-name", Value = Uri.EscapeDataString(name), Url = Address.ToString() }]);
        var page = await context.NewPageAsync();
        await OpenAsync(page, "/");
        return page;
    }

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

    public async Task<JsonElement> GetDocumentAsync(string idOrSlug) =>
        await Api.GetFromJsonAsync<JsonElement>($"/api/documents/{idOrSlug}");

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }

        _app?.Dispose();
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitForHealthAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_app!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_app.ExitCode} before answering.");
            }

            try
            {
                if ((await Api.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not answer /health within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CollabEdit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (CollabEdit.sln) was not found.");
    }
}

[CollectionDefinition(Name)]
public sealed class AppProcess : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
