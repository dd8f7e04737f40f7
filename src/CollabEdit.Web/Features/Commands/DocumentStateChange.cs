using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Commands;

/// <summary>What archive and restore share: the If-Match rules and the guarded change of state with its recorded event.</summary>
internal static class DocumentStateChange
{
    public static async Task<Outcome> ChangeAsync(
        string idOrSlug, IfMatch ifMatch, bool ifMatchRequired, DocumentState from, DocumentState to, CommandContext context, CancellationToken cancellationToken)
    {
        var store = context.Store;
        var head = await store.FindAsync(context.Pass.DocumentId, cancellationToken);
        if (head is null)
        {
            return new DocumentOutcome.NotFound(idOrSlug);
        }

        // A lock holds whatever version the request names (as for saves: SaveDecision): said first, never as a 412.
        if (head.IsLocked)
        {
            return new DocumentOutcome.Locked(head);
        }

        if (ifMatchRequired && !ifMatch.IsPresent)
        {
            return new DocumentOutcome.PreconditionRequired(head.Id);
        }

        if (ifMatch.IsPresent && !ifMatch.Matches(DocumentETags.Of(head)))
        {
            return new DocumentOutcome.PreconditionFailed(head);
        }

        int? expectedVersion = ifMatch.IsPresent && !ifMatch.IsAny ? head.CurrentVersion : null;
        var recorded = new DocumentEvent
        {
            Kind = to == DocumentState.Archived ? DocumentEventKind.Archived : DocumentEventKind.Restored,
            Actor = context.Author,
            ActorUserId = context.Actor.UserId,
        };
        return await store.ChangeStateAsync(head.Id, from, to, expectedVersion, recorded, cancellationToken) switch
        {
            StateChangeOutcome.Changed { Current: var changed } => new DocumentOutcome.StateChanged(changed),
            StateChangeOutcome.Unchanged { Current: var unchanged } => new DocumentOutcome.StateChanged(unchanged),
            StateChangeOutcome.Locked locked => new DocumentOutcome.Locked(locked.Current),
            StateChangeOutcome.Stale stale => new DocumentOutcome.PreconditionFailed(stale.Current),
            _ => new DocumentOutcome.NotFound(idOrSlug),
        };
    }
}
