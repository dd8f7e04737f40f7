namespace CollabEdit.Merging;

/// <summary>What to put in place of one conflict.</summary>
public enum ConflictChoiceKind
{
    /// <summary>My side of the conflict.</summary>
    Mine,

    /// <summary>Their side of the conflict.</summary>
    Theirs,

    /// <summary>Mine, then theirs.</summary>
    MineThenTheirs,

    /// <summary>Theirs, then mine.</summary>
    TheirsThenMine,

    /// <summary>What base had there (both changes dropped).</summary>
    Base,

    /// <summary>Text written by hand.</summary>
    Custom,
}
