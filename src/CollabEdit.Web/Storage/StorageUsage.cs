using CollabEdit.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Storage;

/// <summary>
/// The storage usage port on either database: one query each, over the document members and the revisions, counted in
/// what each version costs on disk (its snapshot or delta payload; a full row from before deltas, its text).
/// </summary>
public sealed class StorageUsage(IDbContextFactory<CollabEditDbContext> contexts) : IStorageUsage
{
    public async Task<string?> ChargedToAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.DocumentMembers.AsNoTracking()
            .Where(m => m.DocumentId == documentId && m.Role == DocumentRole.Owner)
            .OrderBy(m => m.GrantedAt).ThenBy(m => m.UserId)
            .Select(m => m.UserId)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<long> UsedByAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The documents charged to the owner: those where no other owner has held the role longer (ChargedToAsync's order).
        // string.Compare is translated to SQL's comparison, the one ORDER BY uses above (CA1309 is about .NET's).
#pragma warning disable CA1309
        var charged = db.DocumentMembers
            .Where(m => m.UserId == ownerId && m.Role == DocumentRole.Owner
                && !db.DocumentMembers.Any(o => o.DocumentId == m.DocumentId && o.Role == DocumentRole.Owner
                    && (o.GrantedAt < m.GrantedAt || (o.GrantedAt == m.GrantedAt && string.Compare(o.UserId, m.UserId) < 0))))
            .Select(m => m.DocumentId);
#pragma warning restore CA1309
        return await db.Revisions
            .Where(r => charged.Contains(r.DocumentId))
            .SumAsync(r => (long?)r.StoredSize, cancellationToken) ?? 0;
    }
}
