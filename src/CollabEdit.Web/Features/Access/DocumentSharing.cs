using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Access;

/// <summary>
/// Who has access to a document: the access API and the sharing dialog read it here (anyone who may read a document
/// may see who has access). Changes of access are commands (<c>Commands.SetAccessHandler</c>, <c>RemoveAccessHandler</c>).
/// </summary>
public sealed class DocumentSharing(IDbContextFactory<CollabEditDbContext> contexts, DocumentGate gate, TimeProvider clock)
{
    /// <summary>The longest email an access change names (the history stores it).</summary>
    public const int MaxEmailLength = 256;

    public async Task<Outcome> ListAsync(string idOrSlug, DocumentActor actor, CancellationToken cancellationToken)
    {
        if (gate.Admit(actor) is { } refused)
        {
            return refused;
        }

        if (gate.Mode == AccessMode.Open)
        {
            return new AccessOutcome.AccessNotManaged();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (pass, denied) = await gate.EnterAsync(new DocumentStore(db, clock), idOrSlug, actor, DocumentAction.Read, cancellationToken);
        return denied ?? new AccessOutcome.AccessListed(pass.DocumentId, await new AccessStore(db).EntriesAsync(pass.DocumentId, cancellationToken));
    }
}
