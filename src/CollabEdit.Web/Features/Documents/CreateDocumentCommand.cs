namespace CollabEdit.Web.Features.Documents;

/// <summary>Create a document. <paramref name="IdempotencyKey"/>: a retry with the same key and body answers the first result.</summary>
public sealed record CreateDocumentCommand(string? Title, string? Slug, string? Content, DocumentActor Actor, string? IdempotencyKey = null) : IDocumentCommand;
