
namespace CollabEdit.Web.Features.Editing;

/// <summary>The title in the three versions of a merge. Titles merge as one unit: both changed it differently is a conflict.</summary>
public sealed record TitleVersions(string Base, string Mine, string Theirs)
{
    /// <summary>Git's rule on a single line: one side's change wins over no change; the same change is no conflict.</summary>
    public string? Merged => Mine == Theirs || Mine == Base ? Theirs : Theirs == Base ? Mine : null;

    public bool IsConflict => Merged is null;
}
