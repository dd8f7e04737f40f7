namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// What the editor holds at one moment: a marker of that moment, the title, and the text's size in UTF-8 bytes. When
/// the browser sent <paramref name="Changes"/> instead of its text, the size was not measured there (-1): the text is
/// the changes applied to their base version's text.
/// </summary>
public sealed record EditorSnapshot(long Generation, string Title, long ByteCount, EditorChanges? Changes = null)
{
    /// <summary>The <see cref="ByteCount"/> of a snapshot sent as changes: not measured by the browser.</summary>
    public const long NotMeasured = -1;
}
