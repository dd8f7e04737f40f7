
namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// Two revisions side by side: the older on the left, the newer on the right, rows aligned. Only the changes and
/// <see cref="SideBySide.Context"/> lines around each are rows; <see cref="IsLarge"/>: more changed rows than a
/// page should render at once (the view asks before showing them).
/// </summary>
public sealed record RevisionComparison(int OldVersion, int NewVersion, IReadOnlyList<DiffLine> Old, IReadOnlyList<DiffLine> New, int Added, int Removed)
{
    public bool IsLarge => Old.Count > SideBySide.MaxRowsShownAtOnce;
}
