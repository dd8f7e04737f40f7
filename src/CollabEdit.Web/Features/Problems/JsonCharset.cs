using Microsoft.Net.Http.Headers;

namespace CollabEdit.Web.Features.Problems;

/// <summary>
/// The charset rule for JSON bodies: JSON between systems is UTF-8 (RFC 8259 §8.1). No charset, or any spelling of
/// UTF-8 (quoted, upper case, "utf8"), is accepted; anything else (utf-7, utf-16, an empty or unknown name) is refused
/// before a body reader sees it, because the framework's reader throws on names it does not know (a 500 before).
/// </summary>
public static class JsonCharset
{
    public abstract record Verdict
    {
        public sealed record Accepted : Verdict;

        /// <summary>UTF-8 spelled another way: the request goes on with this Content-Type instead.</summary>
        public sealed record Normalized(string ContentType) : Verdict;

        public sealed record Refused(string Charset) : Verdict;
    }

    private static readonly Verdict AcceptedVerdict = new Verdict.Accepted();

    public static Verdict Check(HttpRequest request)
    {
        if (request.ContentType is not { Length: > 0 } contentType
            || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !IsJson(mediaType))
        {
            return AcceptedVerdict;
        }

        var charset = mediaType.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is null)
        {
            return AcceptedVerdict;
        }

        var name = HeaderUtilities.RemoveQuotes(charset.Value).ToString().Trim();
        if (!name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !name.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            // Shown in the problem's detail: cut and kept printable, it is the caller's own input.
            var shown = new string([.. name.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
            return new Verdict.Refused(shown);
        }

        if (charset.Value.Equals("utf-8", StringComparison.Ordinal))
        {
            return AcceptedVerdict;
        }

        charset.Value = "utf-8";
        return new Verdict.Normalized(mediaType.ToString());
    }

    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.SubType.Equals("json", StringComparison.OrdinalIgnoreCase)
        || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
