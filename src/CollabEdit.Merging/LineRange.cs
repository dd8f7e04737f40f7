namespace CollabEdit.Merging;

/// <summary>A half-open range of lines [Start, Start + Count) in one of the three texts.</summary>
/// <param name="Start">The first line (0-based).</param>
/// <param name="Count">How many lines.</param>
public readonly record struct LineRange(int Start, int Count)
{
    /// <summary>The line after the last one.</summary>
    public int End => Start + Count;
}
