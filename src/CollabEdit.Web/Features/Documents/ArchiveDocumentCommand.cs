namespace CollabEdit.Web.Features.Documents;

/// <summary>Archive a document, guarded by If-Match, which is required (null: an unparseable header).</summary>
public sealed record ArchiveDocumentCommand(string IdOrSlug, IfMatch? IfMatch, DocumentActor Actor) : IDocumentCommand;
