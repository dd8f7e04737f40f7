using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>Unlocks a document (owners): it can be written again. Recorded as a document event and announced.</summary>
public sealed class UnlockDocumentHandler : ICommandHandler<UnlockDocumentCommand>
{
    public DocumentAction? Needs => DocumentAction.Own;

    public string DocumentOf(UnlockDocumentCommand command) => command.IdOrSlug;

    public Outcome? Validate(UnlockDocumentCommand command, IDictionary<string, string[]> errors) => null;

    public Task<Outcome> HandleAsync(UnlockDocumentCommand command, CommandContext context, CancellationToken cancellationToken) =>
        DocumentLock.SetAsync(command.IdOrSlug, locked: false, context, cancellationToken);
}
