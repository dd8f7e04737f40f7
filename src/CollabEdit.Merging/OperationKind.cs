namespace CollabEdit.Merging;

/// <summary>The kind of one step of a change set walked from start to end.</summary>
internal enum OperationKind
{
    /// <summary>Keep characters.</summary>
    Retain,

    /// <summary>Remove characters.</summary>
    Delete,

    /// <summary>Add text.</summary>
    Insert,
}
