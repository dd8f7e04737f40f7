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
    /// The HTTP body limit: JSON escaping can make a body several times larger than its content, so the
    /// transport allows more, and the content limit itself is checked after parsing (413 either way).
    /// </summary>
    public long MaxRequestBodyBytes => (MaxContentBytes * 6) + (64 * 1024);
}
