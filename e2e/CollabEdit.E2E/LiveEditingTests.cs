using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Live editing with autosave on (the default), typed as people type (80 ms a key), two and three people at once:
/// each one's words appear in the others' editors with no click and no dialog, and everyone ends holding the
/// server's text, byte for byte.
/// </summary>
[Collection(AppProcess.Name)]
public sealed class LiveEditingTests(AppFixture app)
{
    private const string Trip = "# Trip notes\n\nWe leave on Monday from Lisbon.\n\nThe hotel is near the river.\n\nBring boots and a warm coat.\n";

    [Fact]
    public async Task TwoPeopleTypingInDifferentParagraphsSeeEachOthersWordsWhileTypingAndEndIdenticalToTheServer()
    {
        var (id, slug) = await CreateAsync("Two typists", Trip);
        var ana = await OpenAsync("Ana", slug);
        var bo = await OpenAsync("Bo", slug);
        const string AnaTyped = " Ana books the night train to Porto and two seats by the window.";
        const string BoTyped = " Bo packs the maps, the tickets and a small torch for the walk.";
        var anaAt = After(Trip, "Lisbon.");
        var boAt = After(Trip, "coat.");
        await WatchForAsync(bo, " Ana books");
        await WatchForAsync(ana, " Bo packs");

        await Task.WhenAll(TypeAndTimeAsync(ana, anaAt, AnaTyped), TypeAndTimeAsync(bo, boAt, BoTyped));

        // Live: each saw the other's first words before the other had finished typing (autosave saves at least every
        // ~2 s while typing goes on), and the whole sentence soon after, with nothing clicked.
        await ExpectSeenBeforeTheOtherFinishedAsync(seer: bo, typist: ana, " Ana books");
        await ExpectSeenBeforeTheOtherFinishedAsync(seer: ana, typist: bo, " Bo packs");
        var expected = Trip.Insert(boAt, BoTyped).Insert(anaAt, AnaTyped);
        Assert.Equal(expected, await Convergence.ExpectAsync([ana, bo], () => ContentAsync(id)));
        await Convergence.ExpectNothingAskedAsync(ana, bo);
        await AppFixture.ScreenshotAsync(bo, "live-two-typists", fullPage: false);
    }

    [Fact]
    public async Task ThreePeopleTypingInDifferentSentencesOfOneParagraphEndWithEveryWordAndIdenticalToTheServer()
    {
        const string Plan = "# Day plan\n\nThe museum opens at nine. Lunch is at the market. We take the tram home.\n";
        var (id, slug) = await CreateAsync("Three typists", Plan);
        var ana = await OpenAsync("Ana", slug);
        var bo = await OpenAsync("Bo", slug);
        var cy = await OpenAsync("Cy", slug);
        const string AnaTyped = " on weekdays and at ten on Sundays";
        const string BoTyped = " near the old square by the river";
        const string CyTyped = " after dinner if it is not too late";
        var anaAt = After(Plan, "at nine");
        var boAt = After(Plan, "the market");
        var cyAt = After(Plan, "tram home");

        await Task.WhenAll(
            EditorDriver.TypeAsPersonAsync(ana, anaAt, anaAt, AnaTyped),
            EditorDriver.TypeAsPersonAsync(bo, boAt, boAt, BoTyped),
            EditorDriver.TypeAsPersonAsync(cy, cyAt, cyAt, CyTyped));

        var expected = Plan.Insert(cyAt, CyTyped).Insert(boAt, BoTyped).Insert(anaAt, AnaTyped);
        Assert.Equal(expected, await Convergence.ExpectAsync([ana, bo, cy], () => ContentAsync(id)));
        await Convergence.ExpectNothingAskedAsync(ana, bo, cy);
    }

    [Fact]
    public async Task TwoPeopleTypingInDifferentSentencesOfOneParagraphEndWithEveryWordAndIdenticalToTheServer()
    {
        const string Plan = "# Day plan\n\nThe museum opens at nine. Lunch is at the market. We take the tram home.\n";
        var (id, slug) = await CreateAsync("Two in one paragraph", Plan);
        var ana = await OpenAsync("Ana", slug);
        var bo = await OpenAsync("Bo", slug);
        const string AnaTyped = " on weekdays and at ten on Sundays";
        const string BoTyped = " after dinner if it is not too late";
        var anaAt = After(Plan, "at nine");
        var boAt = After(Plan, "tram home");

        await Task.WhenAll(EditorDriver.TypeAsPersonAsync(ana, anaAt, anaAt, AnaTyped), EditorDriver.TypeAsPersonAsync(bo, boAt, boAt, BoTyped));

        var expected = Plan.Insert(boAt, BoTyped).Insert(anaAt, AnaTyped);
        Assert.Equal(expected, await Convergence.ExpectAsync([ana, bo], () => ContentAsync(id)));
        await Convergence.ExpectNothingAskedAsync(ana, bo);
    }

    public static TheoryData<int> LargeSizes => new() { 1_000_000, (5 * 1024 * 1024) - 1024 };

    [Theory]
    [MemberData(nameof(LargeSizes))]
    public async Task TwoPeopleTypingAFewWordsEachIntoALargeDocumentConvergeWithNothingLost(int size)
    {
        var original = RealText.OfSize(size);
        var (id, slug) = await CreateAsync($"Live at {size} bytes", original);
        var ana = await OpenAsync("Ana", slug);
        var bo = await OpenAsync("Bo", slug);
        await EditorDriver.ExpectTextAsync(ana, original, 60_000);
        await EditorDriver.ExpectTextAsync(bo, original, 60_000);
        const string AnaTyped = "Ana's words near the top. ";
        const string BoTyped = "Bo's words in the middle. ";
        var anaAt = original.IndexOf('\n', 1000) + 1;
        var boAt = RealText.MiddleLineStart(original);

        await Task.WhenAll(EditorDriver.TypeAsPersonAsync(ana, anaAt, anaAt, AnaTyped), EditorDriver.TypeAsPersonAsync(bo, boAt, boAt, BoTyped));

        var expected = original.Insert(boAt, BoTyped).Insert(anaAt, AnaTyped);
        var converged = await Convergence.ExpectAsync([ana, bo], () => ContentAsync(id), 90_000);
        Assert.True(expected == converged, $"The server holds {converged.Length} characters, {expected.Length} expected; Ana's words {(converged.Contains(AnaTyped, StringComparison.Ordinal) ? "are" : "are not")} there, Bo's {(converged.Contains(BoTyped, StringComparison.Ordinal) ? "are" : "are not")}.");
        await Convergence.ExpectNothingAskedAsync(ana, bo);
    }

    /// <summary>A document made through the API: its id and slug.</summary>
    private async Task<(string Id, string Slug)> CreateAsync(string title, string content)
    {
        var document = await app.CreateDocumentAsync(title, content);
        return (document.GetProperty("id").GetString()!, document.GetProperty("slug").GetString()!);
    }

    /// <summary>The document open as <paramref name="name"/>, with autosave on as it is by default.</summary>
    private async Task<IPage> OpenAsync(string name, string slug)
    {
        var page = await app.OpenAsAsync(name, $"/docs/{slug}");
        Assert.True(await EditorDriver.IsAutosaveOnAsync(page), $"Autosave is off for {name} on a new document.");
        return page;
    }

    private async Task<string> ContentAsync(string id) => (await app.GetDocumentAsync(id)).GetProperty("content").GetString()!;

    private static int After(string text, string words) => text.IndexOf(words, StringComparison.Ordinal) + words.Length;

    /// <summary>Records in the page the first moment (epoch ms) its editor holds <paramref name="words"/>, as window.seenAt.</summary>
    private static async Task WatchForAsync(IPage page, string words) => await page.EvaluateAsync("""
        words => {
            const editor = document.querySelector('[data-testid=editor]').editor;
            window.seenAt = 0;
            const look = () => { if (!window.seenAt && editor.text().includes(words)) window.seenAt = performance.timeOrigin + performance.now(); };
            new MutationObserver(look).observe(editor.view.contentDOM, { childList: true, subtree: true, characterData: true });
            window.seenTimer = setInterval(() => { look(); if (window.seenAt) clearInterval(window.seenTimer); }, 20);
        }
        """, words);

    /// <summary>Types as a person and records in the page when the last key was typed (epoch ms), as window.typedAt.</summary>
    private static async Task TypeAndTimeAsync(IPage page, int at, string text)
    {
        await EditorDriver.TypeAsPersonAsync(page, at, at, text);
        await page.EvaluateAsync("() => { window.typedAt = performance.timeOrigin + performance.now(); }");
    }

    private static async Task ExpectSeenBeforeTheOtherFinishedAsync(IPage seer, IPage typist, string words)
    {
        await seer.WaitForFunctionAsync("() => window.seenAt > 0", null, new() { Timeout = 10_000 });
        var seenAt = await seer.EvaluateAsync<double>("() => window.seenAt");
        var typedAt = await typist.EvaluateAsync<double>("() => window.typedAt");
        Assert.True(seenAt < typedAt, $"\"{words}\" appeared in the other editor {seenAt - typedAt:F0} ms after its typist's last key, not while typing went on.");
    }
}
