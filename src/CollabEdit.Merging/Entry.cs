namespace CollabEdit.Merging;

/// <summary>One changed region of the merge, in the coordinates of all three texts.</summary>
internal sealed class Entry(EntryKind kind, int i0, int chg0, int i1, int chg1, int i2, int chg2)
{
    public EntryKind Kind { get; set; } = kind;
    public int I0 { get; set; } = i0;
    public int Chg0 { get; set; } = chg0;
    public int I1 { get; set; } = i1;
    public int Chg1 { get; set; } = chg1;
    public int I2 { get; set; } = i2;
    public int Chg2 { get; set; } = chg2;

    /// <summary>Whether I0/Chg0 are this region's base lines; refinement and joining leave them stale.</summary>
    public bool BaseIsExact { get; set; } = true;
}
