using System.Security.Cryptography;
using System.Text.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Features.Idempotency;

/// <summary>
/// Idempotency-Key for document creation. Claiming a key is an INSERT that the primary key lets only one
/// request win; the claim is committed before the work starts so a concurrent duplicate can see it.
/// </summary>
public sealed class IdempotencyStore(CollabEditDbContext db, TimeProvider clock, IdempotencyOptions options)
{
    public static string HashRequest(CreateDocumentRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new[] { request.Title, request.Slug, request.Content })));

    public async Task<IdempotencyClaim> ClaimAsync(string owner, string key, string requestHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = DocumentRules.StoredNow(clock);
            db.IdempotencyRecords.Add(new IdempotencyRecord { Owner = owner, Key = key, RequestHash = requestHash, State = IdempotencyState.InFlight, CreatedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return new IdempotencyClaim.Claimed();
            }
            catch (DbUpdateException exception) when (DocumentStore.IsUniqueViolation(exception))
            {
                db.ChangeTracker.Clear();
            }

            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Owner == owner && r.Key == key, cancellationToken);
            if (existing is null)
            {
                continue;
            }

            if (IsExpired(existing, now))
            {
                // Only the request that sees this exact expired record removes it; then both race on the INSERT again.
                await db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key && r.CreatedAt == existing.CreatedAt && r.State == existing.State).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            return existing switch
            {
                _ when existing.RequestHash != requestHash => new IdempotencyClaim.PayloadMismatch(),
                { State: IdempotencyState.Completed, DocumentId: Guid documentId } => new IdempotencyClaim.Replay(documentId),
                _ => new IdempotencyClaim.InFlight(),
            };
        }

        return new IdempotencyClaim.InFlight();
    }

    /// <summary>
    /// The document a completed request with this key and body made, without claiming anything (null: none, or
    /// expired): a retry that is refused before it runs (the storage allowance, which the first request filled) still
    /// answers the first result.
    /// </summary>
    public async Task<Guid?> CompletedAsync(string owner, string key, string requestHash, CancellationToken cancellationToken)
    {
        var existing = await db.IdempotencyRecords.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Owner == owner && r.Key == key && r.State == IdempotencyState.Completed, cancellationToken);
        return existing is { DocumentId: Guid documentId } && existing.RequestHash == requestHash && !IsExpired(existing, DocumentRules.StoredNow(clock))
            ? documentId
            : null;
    }

    /// <summary>Marks the key done; call inside the transaction that created the document, so both commit or neither.</summary>
    public Task CompleteAsync(string owner, string key, Guid documentId, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, IdempotencyState.Completed).SetProperty(r => r.DocumentId, documentId), cancellationToken);

    /// <summary>Gives the key back when the request failed without creating anything, so that a retry runs again.</summary>
    public Task ReleaseAsync(string owner, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key && r.State == IdempotencyState.InFlight).ExecuteDeleteAsync(cancellationToken);

    private bool IsExpired(IdempotencyRecord record, DateTime now) =>
        now - record.CreatedAt > (record.State == IdempotencyState.InFlight ? options.InFlightTimeout : options.Retention);
}
