namespace CollabEdit.Web.Features.Documents;

/// <summary>Unlock a document (owners).</summary>
public sealed record UnlockDocumentCommand(string IdOrSlug, DocumentActor Actor) : IDocumentCommand;
