using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Access;

/// <summary>
/// The access rules, in one place, for every path (API, editor, hub): who must be signed in, who may see a
/// document, who may change it. The documents core asks the gate before every read and every change.
/// <list type="bullet">
/// <item>Secure mode, nobody signed in: <see cref="AccessOutcome.Unauthenticated"/> (401).</item>
/// <item>A document the user has no role on, or that does not exist: <see cref="DocumentOutcome.NotFound"/> (404), the same answer, so that
/// nobody learns that a document exists by asking for it.</item>
/// <item>A role too small for the operation: <see cref="AccessOutcome.Forbidden"/> (403); only for documents the user may see.</item>
/// <item>Open mode: everyone may read, edit, archive and restore everything; access is not managed.</item>
/// </list>
/// </summary>
public sealed class DocumentGate(IOptions<AccessOptions> options)
{
    private static readonly Func<CollabEditDbContext, Guid, string, CancellationToken, Task<DocumentRole>> RoleOf =
        EF.CompileAsyncQuery((CollabEditDbContext db, Guid documentId, string userId, CancellationToken _) =>
            db.DocumentMembers.Where(m => m.DocumentId == documentId && m.UserId == userId).Select(m => m.Role).FirstOrDefault());

    public AccessMode Mode => options.Value.Mode;

    /// <summary>Whether the caller may use the app at all (list, create, connect to the hub): null when yes, else the refusal.</summary>
    public Outcome? Admit(DocumentActor actor) =>
        Mode == AccessMode.Secure && actor.UserId is null ? new AccessOutcome.Unauthenticated() : null;

    /// <summary>
    /// The caller's pass for a document named by id or slug, or the refusal. No row of the document is read in open
    /// mode (a save's writer reports a missing document itself), one indexed lookup in secure mode.
    /// </summary>
    public async Task<(DocumentPass Pass, Outcome? Refusal)> EnterAsync(
        DocumentStore store, string idOrSlug, DocumentActor actor, DocumentAction need, CancellationToken cancellationToken)
    {
        if (Admit(actor) is { } refused)
        {
            return (default, refused);
        }

        if (await store.ResolveIdAsync(idOrSlug, cancellationToken) is not Guid id)
        {
            return (default, new DocumentOutcome.NotFound(idOrSlug));
        }

        if (Mode == AccessMode.Open)
        {
            return (new DocumentPass(id, DocumentRole.Owner), null);
        }

        var role = await RoleOf(store.Context, id, actor.UserId!, cancellationToken);
        if (role == 0)
        {
            return (default, new DocumentOutcome.NotFound(idOrSlug));
        }

        return role < Needed(need)
            ? (default, new AccessOutcome.Forbidden(id, role, need))
            : (new DocumentPass(id, role), null);
    }

    /// <summary>The smallest role that may do <paramref name="need"/>.</summary>
    public static DocumentRole Needed(DocumentAction need) => need switch
    {
        DocumentAction.Read => DocumentRole.Viewer,
        DocumentAction.Edit => DocumentRole.Editor,
        _ => DocumentRole.Owner,
    };
}
