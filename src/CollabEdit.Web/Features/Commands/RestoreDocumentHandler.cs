using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>Restores an archived document (owners); If-Match, when given, must name the current version.</summary>
public sealed class RestoreDocumentHandler : ICommandHandler<RestoreDocumentCommand>
{
    public DocumentAction? Needs => DocumentAction.Manage;

    public string DocumentOf(RestoreDocumentCommand command) => command.IdOrSlug;

    public Outcome? Validate(RestoreDocumentCommand command, IDictionary<string, string[]> errors) =>
        command.IfMatch is null ? new DocumentOutcome.InvalidIfMatch() : null;

    public Task<Outcome> HandleAsync(RestoreDocumentCommand command, CommandContext context, CancellationToken cancellationToken) =>
        DocumentStateChange.ChangeAsync(command.IdOrSlug, command.IfMatch!, ifMatchRequired: false, DocumentState.Archived, DocumentState.Active, context, cancellationToken);
}
