namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// What the Markdown preview shows, and when it renders again. It follows the editor's text as it changes (typed,
/// or arriving from others) while the text is at most <see cref="LiveUpTo"/> characters; a larger text is rendered
/// once when the preview opens, then only when asked (<see cref="IsStale"/>), so a 5 MB document is not parsed and
/// sent to the browser again every second of typing. Rendering is <see cref="SafeMarkdown"/>'s (never raw HTML).
/// </summary>
public sealed class LivePreview
{
    /// <summary>About 1 MB of text: rendered in well under 100 ms here, so following it live costs little.</summary>
    public const int DefaultLiveUpTo = 1_000_000;

    /// <summary>The largest text, in characters, rendered again by itself on every change.</summary>
    public int LiveUpTo { get; init; } = DefaultLiveUpTo;

    /// <summary>The rendered (sanitised) HTML, or null before the first render and for a text over the size limit.</summary>
    public string? Html { get; private set; }

    /// <summary>The text is over the document size limit: nothing is rendered.</summary>
    public bool OverLimit { get; private set; }

    /// <summary>The text changed since it was rendered, and is too large to follow live: a Refresh renders it.</summary>
    public bool IsStale { get; private set; }

    /// <summary>The text could not be read (the connection failed): the last rendering stays, marked as such.</summary>
    public bool ReadFailed { get; private set; }

    /// <summary>The editor's text changed and now has <paramref name="characters"/>: whether to read and render it now.</summary>
    public bool TextChanged(long characters)
    {
        var first = Html is null && !OverLimit;
        if (first || characters <= LiveUpTo)
        {
            return true;
        }

        IsStale = true;
        return false;
    }

    /// <summary>Renders <paramref name="text"/>; null means it was over the size limit.</summary>
    public void Show(string? text)
    {
        OverLimit = text is null;
        Html = text is null ? null : SafeMarkdown.ToHtml(text);
        IsStale = false;
        ReadFailed = false;
    }

    public void Failed() => ReadFailed = true;
}
