namespace CollabEdit.Merging;

internal enum EntryKind
{
    Conflict,
    Mine,
    Theirs,

    /// <summary>A conflict that refinement found identical on both sides: not a conflict after all.</summary>
    Identical,
}
