using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>Give the account with <paramref name="Email"/> a role on a document (or change it). A null role: not a valid role was given.</summary>
public sealed record SetAccessCommand(string IdOrSlug, string? Email, DocumentRole? Role, DocumentActor Actor) : IDocumentCommand;
