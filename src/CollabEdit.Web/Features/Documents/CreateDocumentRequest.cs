namespace CollabEdit.Web.Features.Documents;

public sealed record CreateDocumentRequest(string? Title, string? Slug, string? Content);
