namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// What the editor holds at one moment: a marker of that moment, the title, and the text's size in UTF-8 bytes. When
/// the browser sent <paramref name="Changes"/> instead of its text, the size was not measured there (-1): the text is
/// the changes applied to their base version's text. <paramref name="BaseVersion"/>: the version the browser says its
/// text is based on (null when it did not say); what the circuit takes as the base may lag behind or run ahead of it
/// (a follow and a save's answer interleave), and only the browser's word says what its text was made on.
/// </summary>
public sealed record EditorSnapshot(long Generation, string Title, long ByteCount, EditorChanges? Changes = null, int? BaseVersion = null)
{
    /// <summary>The <see cref="ByteCount"/> of a snapshot sent as changes: not measured by the browser.</summary>
    public const long NotMeasured = -1;

    /// <summary>The version the browser's text is based on, as the browser says (its changes' base when it sent changes).</summary>
    public int? BrowserBaseVersion => Changes?.BaseVersion ?? BaseVersion;
}
