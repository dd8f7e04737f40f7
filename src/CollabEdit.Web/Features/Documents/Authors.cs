namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The one rule for author and display names, whoever gives them: the API (X-Author), the editor (its name
/// prompt) and the hub (?name=). A name is refused, never shortened or cleaned, so what is stored is what was given.
/// </summary>
public static class Authors
{
    public const string HeaderName = "X-Author";

    /// <returns>The name to record (trimmed; "anonymous" when none was given), or why it is refused.</returns>
    public static (string? Author, string? Error) Validate(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed switch
        {
            { Length: 0 } => (DocumentRules.AnonymousAuthor, null),
            { Length: > DocumentRules.MaxAuthorLength } => (null, $"A name may be at most {DocumentRules.MaxAuthorLength} characters; this one has {trimmed.Length}."),
            _ when trimmed.Any(DocumentRules.IsLineBreakOrControl) => (null, "A name may not contain control characters or line breaks."),
            _ => (trimmed, null),
        };
    }

    /// <summary>The name an HTTP request gives: the signed-in name, else X-Author (percent-encoded UTF-8, as header values are ASCII).</summary>
    public static string? FromRequest(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } signedIn }
            ? signedIn
            : Uri.UnescapeDataString(context.Request.Headers[HeaderName].ToString());
}
