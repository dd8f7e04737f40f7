namespace CollabEdit.Web.Features.Documents;

/// <summary>What a person may do with one document. Ordered: each role may do what the ones before it may.</summary>
public enum DocumentRole
{
    /// <summary>Reads the document, its history and follows it live.</summary>
    Viewer = 1,

    /// <summary>Also saves new versions.</summary>
    Editor = 2,

    /// <summary>Also archives, restores and decides who has access. A document always has at least one.</summary>
    Owner = 3,
}
