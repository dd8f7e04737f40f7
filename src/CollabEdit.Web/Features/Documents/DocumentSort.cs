namespace CollabEdit.Web.Features.Documents;

/// <summary>The orders of the documents list.</summary>
public enum DocumentSort
{
    Updated,
    Title,
    Version,
}
