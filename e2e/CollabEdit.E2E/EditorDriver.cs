using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Drives the CodeMirror editor as a user does: real keystrokes where typing is what is tested, and a paste
/// (a user change, like Ctrl+V) to replace the whole text. Reads what the browser's editor holds.
/// </summary>
public static class EditorDriver
{
    private const string Editor = "document.querySelector('[data-testid=editor]').editor";

    /// <summary>
    /// The autosave switch's checkbox, wherever MudBlazor put the test id (on the switch's root or on its input):
    /// a function answering true (on), false (off) or null (no switch on the page).
    /// </summary>
    private const string AutosaveChecked = """
        () => {
            const toggle = document.querySelector('[data-testid=autosave-toggle]');
            if (!toggle) return null;
            const input = toggle.matches('input') ? toggle : toggle.querySelector('input[type=checkbox]');
            return input ? input.checked : toggle.getAttribute('aria-checked') === 'true';
        }
        """;

    /// <summary>Replaces the whole text as a paste would: a change the user made, so it is unsaved and kept as a draft.</summary>
    public static Task PasteAllAsync(IPage page, string text) =>
        page.EvaluateAsync($"text => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ changes: {{ from: 0, to: view.state.doc.length, insert: text }}, userEvent: 'input.paste' }}); }}", text);

    /// <summary>Puts the caret at <paramref name="position"/> (UTF-16 offset) and types <paramref name="text"/> key by key.</summary>
    public static async Task TypeAtAsync(IPage page, int position, string text)
    {
        await page.EvaluateAsync($"position => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ selection: {{ anchor: position }}, scrollIntoView: true }}); }}", position);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>
    /// Selects <paramref name="from"/>..<paramref name="to"/> (UTF-16 offsets; equal for a caret) and types
    /// <paramref name="text"/> as a person does, one key every <see cref="Typing.KeyDelayMs"/>: the first key replaces
    /// the selection. The text may change under the caret meanwhile (others' words arriving): typing goes on where the
    /// caret moved with it.
    /// </summary>
    public static async Task TypeAsPersonAsync(IPage page, int from, int to, string text)
    {
        await SelectAsync(page, from, to);
        await page.Locator("[data-testid=editor-content]").PressSequentiallyAsync(text, new() { Delay = Typing.KeyDelayMs });
    }

    /// <summary>Selects <paramref name="from"/>..<paramref name="to"/> in the editor, scrolled into view, with the focus in it.</summary>
    public static Task SelectAsync(IPage page, int from, int to) =>
        page.EvaluateAsync($"([from, to]) => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ selection: {{ anchor: from, head: to }}, scrollIntoView: true }}); }}", new[] { from, to });

    public static Task<string> TextAsync(IPage page) => page.EvaluateAsync<string>($"() => {Editor}.text()");

    /// <summary>
    /// The length and a 32-bit FNV-1a hash of the editor's text (over UTF-16 code units, as <see cref="Fingerprint.Of"/>):
    /// comparing a 5 MB text without carrying it out of the browser on every poll.
    /// </summary>
    public static async Task<Fingerprint> FingerprintAsync(IPage page)
    {
        // A page between loads (reloading by itself after a server restart) has no editor yet: length -1.
        var parts = await page.EvaluateAsync<double[]>($$"""
            () => {
                const host = document.querySelector('[data-testid=editor]');
                if (!host || !host.editor) return [-1, 0];
                const text = host.editor.text();
                let hash = 2166136261;
                for (let i = 0; i < text.length; i++) { hash ^= text.charCodeAt(i); hash = Math.imul(hash, 16777619) >>> 0; }
                return [text.length, hash];
            }
            """);
        return new Fingerprint((int)parts[0], (uint)parts[1]);
    }

    public static Task<int> CaretAsync(IPage page) => page.EvaluateAsync<int>($"() => {Editor}.view.state.selection.main.head");

    public static Task SetCaretAsync(IPage page, int position) =>
        page.EvaluateAsync($"position => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ selection: {{ anchor: position }} }}); }}", position);

    /// <summary>Whether the autosave switch is on; fails when the page has none.</summary>
    public static async Task<bool> IsAutosaveOnAsync(IPage page) =>
        await page.EvaluateAsync<bool?>(AutosaveChecked) ?? throw new InvalidOperationException("The page has no autosave switch ([data-testid=autosave-toggle]).");

    /// <summary>
    /// Switches autosave off for this document as a user does (a click on the toolbar's switch, only when it is on),
    /// and waits until the switch shows it. The browser remembers the choice for the document, across reloads.
    /// For tests of what the editor does without autosave: manual Save, "Update my draft", the merge dialog, drafts.
    /// </summary>
    public static async Task TurnAutosaveOffAsync(IPage page)
    {
        var toggle = page.Locator("[data-testid=autosave-toggle]");
        await toggle.WaitForAsync(new() { Timeout = 15_000 });
        if (await IsAutosaveOnAsync(page))
        {
            await toggle.ClickAsync();
        }

        await page.WaitForFunctionAsync($"() => ({AutosaveChecked})() === false", null, new() { Timeout = 10_000, PollingInterval = 50 });
    }

    /// <summary>
    /// Autosave off for <paramref name="documentId"/> in every page of <paramref name="context"/> from its first load
    /// (the choice as the browser keeps it, set before the page's scripts run), for a page whose editor must never
    /// save by itself, not even before a click could reach the switch.
    /// </summary>
    public static Task KeepAutosaveOffAsync(IBrowserContext context, string documentId) =>
        context.AddInitScriptAsync($"localStorage.setItem('collabedit-autosave:{documentId}', 'off')");

    /// <summary>Waits until the editor holds exactly <paramref name="expected"/>; fails with what it held instead.</summary>
    public static async Task ExpectTextAsync(IPage page, string expected, int timeoutMs = 10_000)
    {
        try
        {
            await page.WaitForFunctionAsync($"expected => {Editor}.text() === expected", expected, new() { Timeout = timeoutMs, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            var actual = await TextAsync(page);
            Assert.Fail($"The editor holds {actual.Length} characters, not the {expected.Length} expected. Starts: {Preview(actual)} / expected: {Preview(expected)}");
        }
    }

    private static string Preview(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
