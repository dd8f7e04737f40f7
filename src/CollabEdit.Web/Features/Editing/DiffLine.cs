using DiffPlex.DiffBuilder.Model;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// One row of a side-by-side diff pane, cut into pieces where words changed. A row with <paramref name="Skipped"/>
/// above 0 stands for that many unchanged lines that are not shown.
/// </summary>
public sealed record DiffLine(int? Number, ChangeType Kind, IReadOnlyList<(string Text, bool Changed)> Pieces, int Skipped = 0);
