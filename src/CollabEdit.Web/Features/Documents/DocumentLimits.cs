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

    /// <summary>
    /// A response (a 5 MB document, say) must be read at least this fast, after a grace of
    /// <see cref="MinResponseGracePeriod"/>, or its connection is dropped (Kestrel's MinResponseDataRate): a reader that
    /// stalls cannot pin the response's memory. Kestrel's own default, 240 bytes/s, kept 60 readers of a 4.9 MB document
    /// (+460 MB) for hours. 16 KB/s reads 5 MB in about five minutes, a slow phone line included.
    /// </summary>
    [Range(240, 100L * 1024 * 1024)]
    public double MinResponseBytesPerSecond { get; set; } = 16 * 1024;

    [Range(typeof(TimeSpan), "00:00:02", "00:05:00")] // Kestrel wants more than a second
    public TimeSpan MinResponseGracePeriod { get; set; } = TimeSpan.FromSeconds(10);
}
