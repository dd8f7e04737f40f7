using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>How a page looks and whether everyone can use it: screenshots without sideways scrolling, and axe-core scans.</summary>
internal static class PageChecks
{
    private static readonly string AxeScript = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "vendor", "axe.min.js"));

    /// <summary>The critical and serious axe-core violations on the page as it is now, each named with <paramref name="what"/>.</summary>
    public static async Task<IEnumerable<string>> ScanAsync(IPage page, string what)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'critical' || v.impact === 'serious')
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)
            """);
        return violations.EnumerateArray().Select(v => $"{what}: {v.GetString()}").ToList();
    }

    /// <summary>A screenshot of the window, after checking that the page does not scroll sideways.</summary>
    public static async Task Shoot(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(800); // past the buttons' ripple animation, which overflows while it runs
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var viewport = page.ViewportSize!.Width;
        await AppFixture.ScreenshotAsync(page, name, fullPage: false);
        var widest = width <= viewport ? "" : await page.EvaluateAsync<string>(
            "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1)).slice(0, 3).map(e => e.tagName + '.' + e.className + ' in ' + e.parentElement?.tagName + '.' + e.parentElement?.className).join(' | ')", viewport);
        Assert.True(width <= viewport, $"{name}: the page is {width}px wide in a {viewport}px window (it scrolls sideways): {widest}");
    }
}
