using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>Archives a document (owners); If-Match is required and must name the current version. Nothing is deleted.</summary>
public sealed class ArchiveDocumentHandler : ICommandHandler<ArchiveDocumentCommand>
{
    public DocumentAction? Needs => DocumentAction.Manage;

    public string DocumentOf(ArchiveDocumentCommand command) => command.IdOrSlug;

    public Outcome? Validate(ArchiveDocumentCommand command, IDictionary<string, string[]> errors) =>
        command.IfMatch is null ? new DocumentOutcome.InvalidIfMatch() : null;

    public Task<Outcome> HandleAsync(ArchiveDocumentCommand command, CommandContext context, CancellationToken cancellationToken) =>
        DocumentStateChange.ChangeAsync(command.IdOrSlug, command.IfMatch!, ifMatchRequired: true, DocumentState.Active, DocumentState.Archived, context, cancellationToken);
}
