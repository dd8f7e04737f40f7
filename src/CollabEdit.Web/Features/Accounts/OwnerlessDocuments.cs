using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// Documents nobody owns (made before accounts existed, by anonymous visitors in open mode, or the welcome
/// document) belong to the server's first account: without it, switching to secure mode would hide them from everyone.
/// Run when the first account is created and at every start in secure mode.
/// </summary>
public sealed class OwnerlessDocuments(IDbContextFactory<CollabEditDbContext> contexts, TimeProvider clock)
{
    /// <returns>How many documents the first account was made owner of.</returns>
    public async Task<int> GiveToFirstAccountAsync(CancellationToken cancellationToken)
    {
        // Run by several at once (servers starting together, accounts made at the same moment), the same owner may be
        // added twice: whoever loses the insert finds the work done on its next look.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GiveOnceAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (attempt < 3 && Storage.DocumentStore.IsUniqueViolation(exception))
            {
            }
        }
    }

    private async Task<int> GiveOnceAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await db.Users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
        if (first is null)
        {
            return 0;
        }

        var ownerless = await db.Documents
            .Where(d => !db.DocumentMembers.Any(m => m.DocumentId == d.Id && m.Role == DocumentRole.Owner))
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        var given = 0;
        var roles = new AccessStore(db);
        foreach (var documentId in ownerless)
        {
            // Checked again with the document's roles locked (as every role change does): two servers, or two
            // accounts made at once, may each have seen it ownerless, and each have a different idea of the first.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await roles.LockRolesAsync(documentId, cancellationToken);
            if (await db.DocumentMembers.AnyAsync(m => m.DocumentId == documentId && m.Role == DocumentRole.Owner, cancellationToken))
            {
                continue;
            }

            // Upsert: the first account may already be a viewer or editor of it (given by someone in open mode).
            var updated = await db.DocumentMembers.Where(m => m.DocumentId == documentId && m.UserId == first)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.Role, DocumentRole.Owner), cancellationToken);
            if (updated == 0)
            {
                db.DocumentMembers.Add(new DocumentMember { DocumentId = documentId, UserId = first, Role = DocumentRole.Owner, GrantedAt = Documents.DocumentRules.StoredNow(clock) });
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            given++;
        }

        return given;
    }
}
