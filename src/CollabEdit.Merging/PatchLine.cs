namespace CollabEdit.Merging;

/// <summary>One line of a hunk: what it does and its exact text.</summary>
/// <param name="Kind">Context, removed or added.</param>
/// <param name="Text">
/// The line exactly as it is in the text, with its terminator ("\n", or "\r\n" for a CRLF line); without one only
/// when the diff marks it "\ No newline at end of file".
/// </param>
public readonly record struct PatchLine(PatchLineKind Kind, string Text)
{
    /// <summary>True for a line the old text has (context or removed).</summary>
    public bool IsOld => Kind != PatchLineKind.Added;

    /// <summary>True for a line the new text has (context or added).</summary>
    public bool IsNew => Kind != PatchLineKind.Removed;
}
