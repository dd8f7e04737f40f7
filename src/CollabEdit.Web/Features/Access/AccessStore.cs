using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Access;

/// <summary>Data access for roles and document events on one DbContext; the rules are in <see cref="DocumentGate"/> and <see cref="DocumentSharing"/>.</summary>
public sealed class AccessStore(CollabEditDbContext db)
{
    public async Task<IReadOnlyDictionary<Guid, DocumentRole>> RolesAsync(string userId, IReadOnlyCollection<Guid> documentIds, CancellationToken cancellationToken) =>
        await db.DocumentMembers.AsNoTracking()
            .Where(m => m.UserId == userId && documentIds.Contains(m.DocumentId))
            .ToDictionaryAsync(m => m.DocumentId, m => m.Role, cancellationToken);

    public async Task<IReadOnlyList<AccessEntry>> EntriesAsync(Guid documentId, CancellationToken cancellationToken) =>
        await (
            from member in db.DocumentMembers.AsNoTracking()
            join user in db.Users on member.UserId equals user.Id
            where member.DocumentId == documentId
            orderby member.Role descending, user.Email
            select new AccessEntry(user.Email!, user.DisplayName, member.Role, member.GrantedAt))
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<DocumentEvent>> EventsAsync(Guid documentId, int skip, int take, CancellationToken cancellationToken) =>
        await db.DocumentEvents.AsNoTracking()
            .Where(e => e.DocumentId == documentId)
            .OrderByDescending(e => e.Id)
            .Skip(skip).Take(take)
            .ToListAsync(cancellationToken);

    /// <summary>The account with this email (Identity's normalised form), if any.</summary>
    public Task<Storage.CollabEditUser?> UserByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    /// <summary>
    /// Makes changes to one document's roles take turns, inside the caller's transaction. SQLite runs one writer at a
    /// time anyway; on PostgreSQL two owners demoting each other at once would each see the other still an owner
    /// (each statement sees what was committed when it began, and they change different rows), so the document's
    /// row is locked first: the second change waits, then sees the first.
    /// </summary>
    public async Task LockRolesAsync(Guid documentId, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Documents\" WHERE \"Id\" = {documentId} FOR UPDATE", cancellationToken);
        }
    }

    /// <summary>
    /// Gives <paramref name="userId"/> the role, in one statement each way, so that the last owner can never be
    /// demoted by two owners racing: the UPDATE applies only while another owner remains.
    /// </summary>
    /// <returns>The role before (null: had none), or <see cref="SetRoleResult.LastOwner"/>.</returns>
    public async Task<(SetRoleResult Result, DocumentRole? Before)> SetRoleAsync(Guid documentId, string userId, DocumentRole role, DateTime now, CancellationToken cancellationToken)
    {
        var before = await db.DocumentMembers.AsNoTracking()
            .Where(m => m.DocumentId == documentId && m.UserId == userId).Select(m => (DocumentRole?)m.Role).FirstOrDefaultAsync(cancellationToken);
        if (before is null)
        {
            db.DocumentMembers.Add(new DocumentMember { DocumentId = documentId, UserId = userId, Role = role, GrantedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (SetRoleResult.Done, null);
            }
            catch (DbUpdateException exception) when (Storage.DocumentStore.IsUniqueViolation(exception))
            {
                // Granted meanwhile by another owner: change it instead.
                db.ChangeTracker.Clear();
            }
        }

        var updated = await db.DocumentMembers
            .Where(m => m.DocumentId == documentId && m.UserId == userId
                && (role == DocumentRole.Owner || m.Role != DocumentRole.Owner
                    || db.DocumentMembers.Any(o => o.DocumentId == documentId && o.Role == DocumentRole.Owner && o.UserId != userId)))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Role, role), cancellationToken);
        return (updated == 1 ? SetRoleResult.Done : SetRoleResult.LastOwner, before ?? role);
    }

    /// <summary>Removes a role, unless it is the document's last owner (decided inside the one DELETE).</summary>
    public async Task<(SetRoleResult Result, DocumentRole? Before)> RemoveAsync(Guid documentId, string userId, CancellationToken cancellationToken)
    {
        var before = await db.DocumentMembers.AsNoTracking()
            .Where(m => m.DocumentId == documentId && m.UserId == userId).Select(m => (DocumentRole?)m.Role).FirstOrDefaultAsync(cancellationToken);
        if (before is null)
        {
            return (SetRoleResult.Done, null);
        }

        var deleted = await db.DocumentMembers
            .Where(m => m.DocumentId == documentId && m.UserId == userId
                && (m.Role != DocumentRole.Owner
                    || db.DocumentMembers.Any(o => o.DocumentId == documentId && o.Role == DocumentRole.Owner && o.UserId != userId)))
            .ExecuteDeleteAsync(cancellationToken);
        return (deleted == 1 ? SetRoleResult.Done : SetRoleResult.LastOwner, before);
    }

    public async Task RecordAsync(DocumentEvent recorded, CancellationToken cancellationToken)
    {
        db.DocumentEvents.Add(recorded);
        await db.SaveChangesAsync(cancellationToken);
    }
}
