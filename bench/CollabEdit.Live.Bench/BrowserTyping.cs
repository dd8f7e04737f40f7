using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.E2E;
using Microsoft.Playwright;

namespace CollabEdit.Live.Bench;

/// <summary>
/// (a) and (b): two people in Chromium typing steadily at once, each at the end of their own line near the top of the
/// document (both in view), autosave on. Each page records its own keydowns and when each of the other's characters
/// first shows in its editor; the wire meter counts each page's bytes while typing goes on.
/// </summary>
public static class BrowserTyping
{
    private const string Editor = "document.querySelector('[data-testid=editor]').editor";
    private const string AnaMarker = "ANA>";
    private const string BoMarker = "BO>";

    /// <summary>Line numbers (1-based) of the two typists' lines in the document made below.</summary>
    private const int AnaLine = 3;
    private const int BoLine = 5;

    private const string Words = "the quick brown fox jumps over the lazy dog and types on at a steady pace ";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

    /// <summary>In the page: its own keydowns (epoch ms) and, per character of the other's line, when it first showed.</summary>
    private const string Recorder = $$"""
        ([otherLine, markerLength]) => {
            const editor = {{Editor}};
            window.keys = [];
            document.addEventListener('keydown', e => { if (e.key.length === 1) window.keys.push(performance.timeOrigin + e.timeStamp); }, true);
            window.arrivals = [];
            const look = () => {
                const doc = editor.view.state.doc;
                if (otherLine > doc.lines) return;
                const count = doc.line(otherLine).length - markerLength;
                const now = performance.timeOrigin + performance.now();
                while (window.arrivals.length < count) window.arrivals.push(now);
            };
            new MutationObserver(look).observe(editor.view.contentDOM, { childList: true, subtree: true, characterData: true });
            window.lookTimer = setInterval(look, 5);
        }
        """;

    public static async Task RunAsync(AppServer server, int[] sizes, TimeSpan typing)
    {
        using var api = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ChromiumArgs });

        var latencyRows = new List<string>();
        var wireRows = new List<string>();
        var kindRows = new List<string>();
        foreach (var size in sizes)
        {
            var text = $"# Live bench\n\n{AnaMarker}\n\n{BoMarker}\n\n" + RealText.OfSize(size);
            using var created = await api.PostAsJsonAsync("/api/documents", new { title = $"Live bench {size}", content = text });
            created.EnsureSuccessStatusCode();
            var slug = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
            var ana = await OpenAsync(browser, server, "Ana", slug);
            var bo = await OpenAsync(browser, server, "Bo", slug);
            await ana.EvaluateAsync(Recorder, new[] { BoLine, BoMarker.Length });
            await bo.EvaluateAsync(Recorder, new[] { AnaLine, AnaMarker.Length });
            await PlaceCaretAsync(ana, AnaLine);
            await PlaceCaretAsync(bo, BoLine);
            var anaWire = await WireMeter.AttachAsync(ana);
            var boWire = await WireMeter.AttachAsync(bo);
            var keys = (int)(typing.TotalMilliseconds / 80);
            var toType = string.Concat(Enumerable.Repeat(Words, (keys / Words.Length) + 1))[..keys];

            anaWire.Reset();
            boWire.Reset();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(ana.Keyboard.TypeAsync(toType, new() { Delay = 80 }), bo.Keyboard.TypeAsync(toType, new() { Delay = 80 }));
            var seconds = clock.Elapsed.TotalSeconds;
            var (anaSent, anaReceived, boSent, boReceived) = (anaWire.Sent, anaWire.Received, boWire.Sent, boWire.Received);
            var anaKinds = anaWire.ByKind;

            // What is still on its way arrives (or is counted as not arrived).
            await Task.Delay(5_000);
            var anaToBo = await LatenciesAsync(typist: ana, seer: bo);
            var boToAna = await LatenciesAsync(typist: bo, seer: ana);
            var converged = await ana.EvaluateAsync<string>($"() => {Editor}.text()") == await bo.EvaluateAsync<string>($"() => {Editor}.text()");
            foreach (var (direction, (latencies, missing)) in new[] { ("Ana → Bo", anaToBo), ("Bo → Ana", boToAna) })
            {
                latencyRows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {Stats.Size(size)} | {direction} | {latencies.Count} | {Stats.Ms(Stats.Percentile(latencies, 50))} | {Stats.Ms(Stats.Percentile(latencies, 95))} | {Stats.Ms(latencies.DefaultIfEmpty(double.NaN).Max())} | {missing} | {(converged ? "yes" : "NO")} |"));
            }

            foreach (var (who, sent, received) in new[] { ("Ana", anaSent, anaReceived), ("Bo", boSent, boReceived) })
            {
                var total = (sent + received) / seconds;
                wireRows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {Stats.Size(size)} | {who} | {keys / seconds:F1} | {sent / seconds:F0} B/s | {received / seconds:F0} B/s | {total:F0} B/s | {(total <= 3_000 ? "below" : total <= 3_500 ? "within" : "above")} |"));
            }

            foreach (var (kind, bytes) in anaKinds.OrderByDescending(k => k.Value).Take(12))
            {
                kindRows.Add(string.Create(CultureInfo.InvariantCulture, $"| {Stats.Size(size)} | {kind} | {bytes / seconds:F0} B/s |"));
            }

            await ana.Context.CloseAsync();
            await bo.Context.CloseAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"(a) Keystroke → visible in the other browser, two people typing steadily (80 ms a key, {typing.TotalSeconds:F0} s) in different paragraphs, autosave on");
        Console.WriteLine();
        Console.WriteLine("| document | direction | keys | p50 | p95 | max | not arrived | converged |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---|");
        latencyRows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("(b) Bytes on the wire per typist per second while both type (WebSocket frames and HTTP bodies, both directions; Etherpad: 3–3.5 kB/s per fast typist)");
        Console.WriteLine();
        Console.WriteLine("| document | typist | keys/s | sent | received | total | vs Etherpad's 3–3.5 kB/s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---|");
        wireRows.ForEach(Console.WriteLine);
        Console.WriteLine();
        Console.WriteLine("Where Ana's bytes go (the largest kinds of message; a call into JavaScript or .NET is named by its function)");
        Console.WriteLine();
        Console.WriteLine("| document | direction and kind | bytes per second |");
        Console.WriteLine("|---|---|---:|");
        kindRows.ForEach(Console.WriteLine);
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, AppServer server, string name, string slug)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await context.AddCookiesAsync([new Cookie { Name = "collabedit-name", Value = name, Url = server.Address.ToString() }]);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GotoAsync(new Uri(server.Address, $"/docs/{slug}").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 60_000 });
        return page;
    }

    private static async Task PlaceCaretAsync(IPage page, int line) => await
        page.EvaluateAsync($"line => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ selection: {{ anchor: view.state.doc.line(line).to }} }}); }}", line);

    /// <summary>Per character the typist typed: from its keydown to when the seer's editor held it; and how many never arrived.</summary>
    private static async Task<(List<double> Latencies, int Missing)> LatenciesAsync(IPage typist, IPage seer)
    {
        var keys = await typist.EvaluateAsync<double[]>("() => window.keys");
        var arrivals = await seer.EvaluateAsync<double[]>("() => window.arrivals");
        var latencies = keys.Zip(arrivals, (key, arrival) => arrival - key).ToList();
        return (latencies, Math.Max(0, keys.Length - arrivals.Length));
    }
}
