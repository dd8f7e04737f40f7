using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Types as a person does: one key at a time, about 12 a second. Never <c>Fill</c> where a person types: an
/// instant fill is one event, so it cannot catch what only a stream of keystrokes does (each one costs the
/// circuit several calls; a limit on them once dropped keys and left buttons dead).
/// </summary>
public static class Typing
{
    /// <summary>The pause between keys: an ordinary typist's ~12 characters a second.</summary>
    public const int KeyDelayMs = 80;

    public static Task TypeAsync(IPage page, string selector, string text) => TypeAsync(page.Locator(selector), text);

    public static Task TypeAsync(ILocator field, string text) => field.PressSequentiallyAsync(text, new() { Delay = KeyDelayMs });
}
