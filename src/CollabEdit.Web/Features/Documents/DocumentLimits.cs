using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Features.Documents;

/// <summary>Bound from <c>CollabEdit:Limits</c> and validated at start-up.</summary>
public sealed class DocumentLimits
{
    public const string SectionName = "CollabEdit:Limits";

    /// <summary>The largest content a document may have, in UTF-8 bytes (5 MB by default).</summary>
    [Range(1, 256L * 1024 * 1024)]
    public long MaxContentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>A 409's body carries the current content only below this size; larger ones are fetched by link.</summary>
    [Range(0, long.MaxValue)]
    public long MaxInlineConflictContentBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The HTTP body limit, just above what a content at the limit can take as JSON: three bytes per content byte
    /// covers a serializer that writes every non-ASCII character as \uXXXX (System.Text.Json's default) and text
    /// made of quotes, backslashes or line breaks; the content limit itself is checked after parsing (413 either way).
    /// A larger declared Content-Length is refused before anything is read.
    /// </summary>
    public long MaxRequestBodyBytes => (MaxContentBytes * 3) + (64 * 1024);

    /// <summary>Requests with a body above this size (or of unknown size) count as large: only a few are handled at a time.</summary>
    [Range(1024, long.MaxValue)]
    public long LargeRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>How many large requests are read at once; others wait briefly, then get 503 with Retry-After.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentLargeRequests { get; set; } = 4;
}
