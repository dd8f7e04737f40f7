using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>What lock and unlock share: the store's guarded change and its event, in one transaction.</summary>
internal static class DocumentLock
{
    public static async Task<Outcome> SetAsync(string idOrSlug, bool locked, CommandContext context, CancellationToken cancellationToken)
    {
        var recorded = new DocumentEvent
        {
            Kind = locked ? DocumentEventKind.Locked : DocumentEventKind.Unlocked,
            Actor = context.Author,
            ActorUserId = context.Actor.UserId,
        };
        return await context.Store.SetLockAsync(context.Pass.DocumentId, locked, recorded, cancellationToken) switch
        {
            LockChangeOutcome.Changed { Current: var changed } => new DocumentOutcome.LockChanged(changed, Changed: true),
            LockChangeOutcome.Unchanged { Current: var unchanged } => new DocumentOutcome.LockChanged(unchanged, Changed: false),
            _ => new DocumentOutcome.NotFound(idOrSlug),
        };
    }
}
