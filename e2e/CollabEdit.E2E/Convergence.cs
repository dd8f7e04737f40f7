using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Live editing ends where everyone holds the same text: every open editor and the server byte-identical, and every
/// editor saying so ("vN · saved", nothing unsaved or being saved). Compared by <see cref="Fingerprint"/>, so it is as
/// cheap for 5 MB as for a line.
/// </summary>
public static partial class Convergence
{
    /// <summary>
    /// Waits until every page's editor holds what <paramref name="serverText"/> answers and says it is saved, with
    /// that text stable over two looks; returns it. Fails with each page's state when it does not come within
    /// <paramref name="timeoutMs"/>.
    /// </summary>
    public static async Task<string> ExpectAsync(IReadOnlyList<IPage> pages, Func<Task<string>> serverText, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        var agreedOnce = false;
        while (true)
        {
            var server = await serverText();
            var expected = Fingerprint.Of(server);
            var states = new List<(Fingerprint Text, string Status)>();
            foreach (var page in pages)
            {
                try
                {
                    states.Add((await EditorDriver.FingerprintAsync(page), await StatusAsync(page)));
                }
                catch (PlaywrightException exception) when (exception.Message.Contains("context was destroyed", StringComparison.Ordinal) || exception.Message.Contains("navigat", StringComparison.Ordinal))
                {
                    // The page is loading again (it reloads by itself when the server restarted): not there yet.
                    states.Add((new Fingerprint(-1, 0), "(page loading)"));
                }
            }

            if (states.All(s => s.Text == expected && SavedStatus().IsMatch(s.Status)))
            {
                if (agreedOnce)
                {
                    return server;
                }

                agreedOnce = true;
            }
            else
            {
                agreedOnce = false;
            }

            if (DateTime.UtcNow > deadline)
            {
                var conflicts = new List<string>();
                foreach (var page in pages)
                {
                    conflicts.AddRange(await page.Locator("[data-testid=inline-conflict]").AllTextContentsAsync());
                }

                Assert.Fail($"Not converged within {timeoutMs} ms. Server: {server.Length} characters{(server.Length <= 1000 ? $" \"{server}\"" : "")}. " +
                    string.Join("; ", states.Select((s, i) => $"page {i + 1}: {s.Text.Length} characters{(s.Text == expected ? " (same as the server)" : " (differs)")}, status \"{s.Status.Trim()}\"")) +
                    (conflicts.Count > 0 ? $". Inline conflicts: {string.Join(" | ", conflicts)}" : ""));
            }

            await Task.Delay(250);
        }
    }

    /// <summary>No merge dialog, no "saved by …; your draft is based on …" notice and no inline conflict on any page: nothing asked of anyone.</summary>
    public static async Task ExpectNothingAskedAsync(params IPage[] pages)
    {
        foreach (var page in pages)
        {
            await Assertions.Expect(page.Locator("[data-testid=merge-dialog]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=incoming]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=inline-conflict]")).ToHaveCountAsync(0);
        }
    }

    private static async Task<string> StatusAsync(IPage page)
    {
        var status = page.Locator("[data-testid=status]");
        return await status.CountAsync() == 0 ? "(no status line)" : (await status.First.TextContentAsync() ?? "");
    }

    /// <summary>"v7 · saved …": a version the server acknowledged, with nothing unsaved after it.</summary>
    [GeneratedRegex(@"v\d+ · saved")]
    private static partial Regex SavedStatus();
}
