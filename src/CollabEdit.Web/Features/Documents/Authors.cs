namespace CollabEdit.Web.Features.Documents;

/// <summary>Who a save is attributed to: the signed-in display name, else the X-Author header, else "anonymous".</summary>
public static class Authors
{
    public const string HeaderName = "X-Author";

    /// <returns>The author, or an error message when the header is unusable.</returns>
    public static (string? Author, string? Error) FromRequest(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } signedIn })
        {
            return (signedIn, null);
        }

        var header = context.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return (DocumentRules.AnonymousAuthor, null);
        }

        // Header values are ASCII; non-ASCII names arrive percent-encoded UTF-8 ("Jos%C3%A9").
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(header).Trim();
        }
        catch (UriFormatException)
        {
            return (null, $"{HeaderName} is not valid percent-encoded UTF-8.");
        }

        return decoded switch
        {
            { Length: 0 } => (DocumentRules.AnonymousAuthor, null),
            { Length: > DocumentRules.MaxAuthorLength } => (null, $"{HeaderName} may be at most {DocumentRules.MaxAuthorLength} characters."),
            _ when decoded.Any(char.IsControl) => (null, $"{HeaderName} may not contain control characters."),
            _ => (decoded, null),
        };
    }
}
