namespace CollabEdit.Merging;

/// <summary>One step of a change set: retain or delete <paramref name="Count"/> characters, or insert <paramref name="Text"/>.</summary>
internal readonly record struct Operation(OperationKind Kind, int Count, string Text)
{
    /// <summary>Characters this step covers: of the old text for retain and delete, of the new for insert.</summary>
    public int Length => Kind == OperationKind.Insert ? Text.Length : Count;
}
