namespace CollabEdit.Web.Features.Documents;

/// <summary>The size rule: a text over <see cref="DocumentLimits.MaxContentBytes"/> (UTF-8) is refused before anything is stored.</summary>
public static class DocumentSize
{
    /// <summary>Null when within the limit, else the refusal (413).</summary>
    public static DocumentOutcome.TooLarge? Check(string content, DocumentLimits limits) =>
        // Cheap bound first: a UTF-8 encoding is at most 3 bytes per UTF-16 char.
        (long)content.Length * 3 <= limits.MaxContentBytes ? null : Check(DocumentRules.ByteCount(content), limits);

    /// <summary>The rule for a size known before the text is (the editor asks before uploading).</summary>
    public static DocumentOutcome.TooLarge? Check(long utf8Bytes, DocumentLimits limits) =>
        utf8Bytes > limits.MaxContentBytes ? new DocumentOutcome.TooLarge(utf8Bytes, limits.MaxContentBytes) : null;
}
