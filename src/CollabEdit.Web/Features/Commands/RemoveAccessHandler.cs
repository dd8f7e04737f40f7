using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>Takes an account's role away (owners; the last owner stays), recorded in the history and announced once committed.</summary>
public sealed class RemoveAccessHandler(TimeProvider clock) : ICommandHandler<RemoveAccessCommand>
{
    public DocumentAction? Needs => DocumentAction.Manage;

    public bool ManagesAccess => true;

    public string DocumentOf(RemoveAccessCommand command) => command.IdOrSlug;

    public Outcome? Validate(RemoveAccessCommand command, IDictionary<string, string[]> errors)
    {
        AccessRules.ValidateEmail(command.Email, errors);
        return null;
    }

    public async Task<Outcome> HandleAsync(RemoveAccessCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var db = context.Store.Context;
        var documentId = context.Pass.DocumentId;
        var store = new AccessStore(db);
        if (await store.UserByEmailAsync(AccessRules.NormalizeEmail(command.Email!.Trim()), cancellationToken) is not { } user)
        {
            return new AccessOutcome.UserNotFound(command.Email.Trim());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await store.LockRolesAsync(documentId, cancellationToken);
        var (result, before) = await store.RemoveAsync(documentId, user.Id, cancellationToken);
        if (result == SetRoleResult.LastOwner)
        {
            return new AccessOutcome.LastOwner(documentId);
        }

        if (before is not null)
        {
            await store.RecordAsync(AccessRules.Event(documentId, DocumentEventKind.AccessRemoved, context, user, null, DocumentRules.StoredNow(clock)), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        // Committed: the list is read whether or not the caller still waits, so the change is always announced.
        return new AccessOutcome.AccessListed(
            documentId, await store.EntriesAsync(documentId, CancellationToken.None), before is not null ? new AccessChange(documentId, user.Id, null, before) : null);
    }
}
