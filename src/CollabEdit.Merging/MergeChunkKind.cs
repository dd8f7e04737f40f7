namespace CollabEdit.Merging;

/// <summary>Where a region of the merge came from.</summary>
public enum MergeChunkKind
{
    /// <summary>Neither side changed these lines.</summary>
    Unchanged,

    /// <summary>Only mine changed these lines; the merge takes mine.</summary>
    Mine,

    /// <summary>Only theirs changed these lines; the merge takes theirs.</summary>
    Theirs,

    /// <summary>Both sides made the same change; the merge takes it once.</summary>
    Same,

    /// <summary>Both sides changed these lines differently; someone has to choose.</summary>
    Conflict,

    /// <summary>
    /// Both sides changed these lines differently, in different words: the prose mode combined the two changes
    /// (<see cref="MergeChunk.Combined"/>). Git leaves this a conflict; show it for checking, with both sides, and let
    /// the user turn it back into a conflict (<see cref="MergeResult.AsConflict"/>).
    /// </summary>
    Combined,
}
