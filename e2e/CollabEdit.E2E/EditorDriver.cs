using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Drives the CodeMirror editor as a user does: real keystrokes where typing is what is tested, and a paste
/// (a user change, like Ctrl+V) to replace the whole text. Reads what the browser's editor holds.
/// </summary>
public static class EditorDriver
{
    private const string Editor = "document.querySelector('[data-testid=editor]').editor";

    /// <summary>Replaces the whole text as a paste would: a change the user made, so it is unsaved and kept as a draft.</summary>
    public static Task PasteAllAsync(IPage page, string text) =>
        page.EvaluateAsync($"text => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ changes: {{ from: 0, to: view.state.doc.length, insert: text }}, userEvent: 'input.paste' }}); }}", text);

    /// <summary>Puts the caret at <paramref name="position"/> (UTF-16 offset) and types <paramref name="text"/> key by key.</summary>
    public static async Task TypeAtAsync(IPage page, int position, string text)
    {
        await page.EvaluateAsync($"position => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ selection: {{ anchor: position }}, scrollIntoView: true }}); }}", position);
        await page.Keyboard.TypeAsync(text);
    }

    public static Task<string> TextAsync(IPage page) => page.EvaluateAsync<string>($"() => {Editor}.text()");

    public static Task<int> CaretAsync(IPage page) => page.EvaluateAsync<int>($"() => {Editor}.view.state.selection.main.head");

    public static Task SetCaretAsync(IPage page, int position) =>
        page.EvaluateAsync($"position => {{ const view = {Editor}.view; view.focus(); view.dispatch({{ selection: {{ anchor: position }} }}); }}", position);

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
