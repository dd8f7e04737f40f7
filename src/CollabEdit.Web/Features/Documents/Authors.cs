namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The one rule for author and display names, whoever gives them: account display names, and in open mode the
/// API (X-Author), the editor (its name prompt) and the hub (?name=). A name is refused, never shortened or cleaned, so what is stored is what was given.
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
            _ when trimmed.Any(DocumentRules.IsDeceptiveFormat) => (null, "A name may not contain invisible or direction-changing characters."),
            _ => (trimmed, null),
        };
    }

    /// <summary>
    /// The name an HTTP request gives in X-Author (open mode only; a signed-in user's name comes from their account),
    /// percent-encoded UTF-8 (header values are ASCII). A header given twice, or not valid percent-encoding of UTF-8
    /// ("Ana%ZZ"), comes back as the reason it is refused, never as a name: nothing half-decoded is ever recorded.
    /// </summary>
    public static (string? Name, string? Error) FromRequest(HttpContext context)
    {
        var values = context.Request.Headers[HeaderName];
        if (values.Count > 1)
        {
            return (null, $"{HeaderName} may be given once.");
        }

        return PercentDecode(values.ToString()) is { } decoded
            ? (decoded, null)
            : (null, $"{HeaderName} is not valid percent-encoded UTF-8 (write é as %C3%A9 and % as %25).");
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static string? PercentDecode(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '%')
            {
                if (value[i] > 0x7F)
                {
                    return null;
                }

                bytes.Add((byte)value[i]);
                continue;
            }

            if (i + 2 >= value.Length || !byte.TryParse(value.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                return null;
            }

            bytes.Add(b);
            i += 2;
        }

        try
        {
            return StrictUtf8.GetString([.. bytes]);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
