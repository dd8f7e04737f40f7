namespace CollabEdit.Merging;

/// <summary>What a line of a unified diff's hunk does.</summary>
public enum PatchLineKind
{
    /// <summary>A line both texts have (<c>' '</c>): it must match, and it stays.</summary>
    Context,

    /// <summary>A line of the old text that goes (<c>'-'</c>): it must match.</summary>
    Removed,

    /// <summary>A line of the new text that comes (<c>'+'</c>).</summary>
    Added,
}
