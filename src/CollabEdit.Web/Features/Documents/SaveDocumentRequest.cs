namespace CollabEdit.Web.Features.Documents;

/// <summary>The body of a save. <c>BaseVersion</c> is the version the edit started from; it guards the save when no If-Match header is sent.</summary>
public sealed record SaveDocumentRequest(string? Content, string? Title, int? BaseVersion);
