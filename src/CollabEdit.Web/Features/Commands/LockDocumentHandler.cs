using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// Locks a document (owners): from the commit on, every write is refused (409 document-locked), the owners' included,
/// until an owner unlocks it. Recorded as a document event (who, when) and announced, so open editors turn read-only.
/// </summary>
public sealed class LockDocumentHandler : ICommandHandler<LockDocumentCommand>
{
    public DocumentAction? Needs => DocumentAction.Own;

    public string DocumentOf(LockDocumentCommand command) => command.IdOrSlug;

    public Outcome? Validate(LockDocumentCommand command, IDictionary<string, string[]> errors) => null;

    public Task<Outcome> HandleAsync(LockDocumentCommand command, CommandContext context, CancellationToken cancellationToken) =>
        DocumentLock.SetAsync(command.IdOrSlug, locked: true, context, cancellationToken);
}
