namespace CollabEdit.Merging;

/// <summary>One difference between two line sequences: lines [Start1, Start1+Count1) of the first replaced by [Start2, Start2+Count2) of the second.</summary>
internal readonly record struct Hunk(int Start1, int Count1, int Start2, int Count2)
{
    public int End1 => Start1 + Count1;

    public int End2 => Start2 + Count2;
}
