using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// Gives an account a role on a document, or changes it (owners; a document keeps an owner). The change is recorded in
/// the document's history and, once committed, announced by the pipeline so that it takes effect on live connections.
/// </summary>
public sealed class SetAccessHandler(TimeProvider clock) : ICommandHandler<SetAccessCommand>
{
    public DocumentAction? Needs => DocumentAction.Manage;

    public bool ManagesAccess => true;

    public string DocumentOf(SetAccessCommand command) => command.IdOrSlug;

    public Outcome? Validate(SetAccessCommand command, IDictionary<string, string[]> errors)
    {
        AccessRules.ValidateEmail(command.Email, errors);
        if (!Enum.IsDefined(command.Role.GetValueOrDefault()))
        {
            errors["role"] = ["role is viewer, editor or owner."];
        }

        return null;
    }

    public async Task<Outcome> HandleAsync(SetAccessCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var db = context.Store.Context;
        var documentId = context.Pass.DocumentId;
        var role = command.Role!.Value;
        var store = new AccessStore(db);
        if (await store.UserByEmailAsync(AccessRules.NormalizeEmail(command.Email!.Trim()), cancellationToken) is not { } user)
        {
            return new AccessOutcome.UserNotFound(command.Email.Trim());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.LockRolesAsync(documentId, cancellationToken);
        var now = DocumentRules.StoredNow(clock);
        var (result, before) = await store.SetRoleAsync(documentId, user.Id, role, now, cancellationToken);
        if (result == SetRoleResult.LastOwner)
        {
            return new AccessOutcome.LastOwner(documentId);
        }

        if (before != role)
        {
            var kind = before is null ? DocumentEventKind.AccessGranted : DocumentEventKind.AccessChanged;
            await store.RecordAsync(AccessRules.Event(documentId, kind, context, user, role, now), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        // Committed: the list is read whether or not the caller still waits, so the change is always announced.
        return new AccessOutcome.AccessListed(
            documentId, await store.EntriesAsync(documentId, CancellationToken.None), before != role ? new AccessChange(documentId, user.Id, role, before) : null);
    }
}
