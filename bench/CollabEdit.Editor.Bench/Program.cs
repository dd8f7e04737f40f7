using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.E2E;
using Microsoft.Playwright;

// Measures the editor as a user meets it, in Debian's Chromium against the app as its own process:
//  - keystroke to paint: from a keydown's timestamp to the first task after the next animation frame (the frame
//    that shows the character), for 200 keystrokes typed in the middle of the document;
//  - save round trip: from Ctrl+S to the status line saying the new version is saved (10 saves, one keystroke each);
//  - circuit memory: the server's resident memory with one editor open on the document, against none.
// Usage: dotnet run -c Release --project bench/CollabEdit.Editor.Bench [-- sizes in bytes...]
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 1_000_000, 5 * 1024 * 1024 - 4096];

await using var server = new AppServer(new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });
await server.StartAsync();
using var api = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
});

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine("| document | keystroke→paint p50 | p95 | max | save round trip p50 | p95 | server memory, one editor open |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var size in sizes)
{
    var text = RealText.OfSize(size);
    using var created = await api.PostAsJsonAsync("/api/documents", new { title = $"Bench {size}", content = text });
    created.EnsureSuccessStatusCode();
    var slug = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;

    GC.Collect();
    var before = ResidentMegabytes(server.ProcessId);
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
    await context.AddCookiesAsync([new Cookie { Name = "collabedit-name", Value = "Bench", Url = server.Address.ToString() }]);
    var page = await context.NewPageAsync();
    page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
    await page.GotoAsync(new Uri(server.Address, $"/docs/{slug}").ToString());
    await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 60_000 });
    await page.WaitForTimeoutAsync(2_000);
    var open = ResidentMegabytes(server.ProcessId);

    var keystrokes = await KeystrokeLatenciesAsync(page, text, count: 200);
    var saves = await SaveRoundTripsAsync(page, count: 10);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {Size(size)} | {Percentile(keystrokes, 50):F1} ms | {Percentile(keystrokes, 95):F1} ms | {keystrokes.Max():F1} ms | {Percentile(saves, 50):F0} ms | {Percentile(saves, 95):F0} ms | +{open - before:F0} MB ({before:F0} → {open:F0} MB RSS) |"));
    await context.CloseAsync();
}

static async Task<double[]> KeystrokeLatenciesAsync(IPage page, string text, int count)
{
    var middle = text.LastIndexOf('\n', Math.Max(0, (text.Length / 2) - 1)) + 1;
    await page.EvaluateAsync("""
        position => {
            window.latencies = [];
            document.addEventListener('keydown', event => {
                const start = event.timeStamp;
                requestAnimationFrame(() => setTimeout(() => window.latencies.push(performance.now() - start), 0));
            }, true);
            const view = document.querySelector('[data-testid=editor]').editor.view;
            view.focus();
            view.dispatch({ selection: { anchor: position }, scrollIntoView: true });
        }
        """, middle);
    await page.Keyboard.TypeAsync(new string('a', count), new() { Delay = 40 });
    await page.WaitForFunctionAsync("n => window.latencies.length >= n", count);
    return await page.EvaluateAsync<double[]>("() => window.latencies");
}

static async Task<double[]> SaveRoundTripsAsync(IPage page, int count)
{
    var times = new List<double>();
    for (var i = 0; i < count; i++)
    {
        await page.Keyboard.TypeAsync("s");
        var version = await page.EvaluateAsync<int>("() => document.querySelector('[data-testid=editor]').editor.baseVersion");
        var elapsed = await page.EvaluateAsync<double>("""
            version => new Promise(resolve => {
                const status = document.querySelector('[data-testid=status]');
                const start = performance.now();
                const done = () => status.textContent.startsWith(`v${version + 1} · saved`);
                new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(performance.now() - start); } })
                    .observe(status, { childList: true, characterData: true, subtree: true });
                document.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }));
            })
            """, version);
        times.Add(elapsed);
    }

    return [.. times];
}

static double Percentile(double[] values, int percentile)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static double ResidentMegabytes(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:F1} MB" : bytes >= 1000 ? $"{bytes / 1000} KB" : $"{bytes} B";
