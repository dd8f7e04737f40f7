using System.Globalization;
using System.Text.RegularExpressions;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// Tells a refused upload of the editor's text (PUT /editor/uploads) from a failed one: editor.js throws
/// "collabedit-rate-limited retry-after=N" for a 429, so that the person reads how long to wait instead of "the
/// connection or the server failed". The upload takes no write token of its own any more (the save's one token is
/// taken by the command pipeline); a 429 can still come from something in front of the app.
/// </summary>
public static partial class UploadRefusal
{
    /// <summary>The seconds to wait, when <paramref name="message"/> (a JavaScript error's) is a rate-limit refusal.</summary>
    public static int? RetryAfterSeconds(string? message) =>
        message is not null && RateLimited().Match(message) is { Success: true } match
            ? Math.Max(1, int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"collabedit-rate-limited retry-after=(\d{1,6})")]
    private static partial Regex RateLimited();
}
