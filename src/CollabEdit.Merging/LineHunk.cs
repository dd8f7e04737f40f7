namespace CollabEdit.Merging;

/// <summary>One difference between two texts: lines [OldStart, OldStart+OldCount) of the old text became lines [NewStart, NewStart+NewCount) of the new one (0-based).</summary>
/// <param name="OldStart">First replaced line of the old text.</param>
/// <param name="OldCount">How many old lines were removed or replaced (0: an insertion).</param>
/// <param name="NewStart">First line of the new text that replaces them.</param>
/// <param name="NewCount">How many new lines there are (0: a deletion).</param>
public readonly record struct LineHunk(int OldStart, int OldCount, int NewStart, int NewCount);
