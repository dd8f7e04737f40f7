using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>The body of PUT /api/documents/{id}/access/{email}.</summary>
public sealed record SetAccessRequest(DocumentRole? Role);
