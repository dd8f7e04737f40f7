using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Access;

/// <summary>Take away whatever role the account with <paramref name="Email"/> has on a document.</summary>
public sealed record RemoveAccessCommand(string IdOrSlug, string? Email, DocumentActor Actor) : IDocumentCommand;
