namespace CollabEdit.Web.Features.Documents;

/// <summary>Which documents the list shows, by state.</summary>
public enum DocumentStateFilter
{
    Active,
    Archived,
    All,
}
