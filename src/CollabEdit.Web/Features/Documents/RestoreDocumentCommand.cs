namespace CollabEdit.Web.Features.Documents;

/// <summary>Restore an archived document, guarded by If-Match when given (null: an unparseable header).</summary>
public sealed record RestoreDocumentCommand(string IdOrSlug, IfMatch? IfMatch, DocumentActor Actor) : IDocumentCommand;
