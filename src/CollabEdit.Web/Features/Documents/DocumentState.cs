namespace CollabEdit.Web.Features.Documents;

/// <summary>Whether a document can be changed (active) or is kept aside, unchangeable until restored (archived).</summary>
public enum DocumentState
{
    Active = 0,
    Archived = 1,
}
