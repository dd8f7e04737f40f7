namespace CollabEdit.Web.Features.Documents;

/// <summary>Lock a document (owners): nobody writes it until an owner unlocks it.</summary>
public sealed record LockDocumentCommand(string IdOrSlug, DocumentActor Actor) : IDocumentCommand;
