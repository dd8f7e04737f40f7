namespace CollabEdit.Web.Features.Documents;

/// <summary>A document's head together with the content of its current revision.</summary>
public sealed record DocumentSnapshot(Document Head, string Content);
