using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Storage;

/// <summary>
/// Decides how a new version is stored, on the saving caller's thread (never inside SQLite's write lock), and
/// compresses and hashes it. Like Mercurial's revlog: a delta from the version it replaces, unless the deltas since
/// the chain's snapshot would then cost more than that snapshot does (so that a read never decompresses more delta
/// than text) or the chain would pass <see cref="StorageOptions.MaxChainLength"/>; then a snapshot. The facts it
/// decides on belong to the replaced version's row, which never changes once written, so deciding before the
/// guarded write is safe: if another save lands first, the write is refused anyway.
/// </summary>
public sealed class RevisionEncoder(IDbContextFactory<CollabEditDbContext> contexts, RevisionTexts texts, IOptions<StorageOptions> options)
{
    private static readonly Func<CollabEditDbContext, Guid, int, CancellationToken, Task<ChainState?>> ChainStateOf =
        EF.CompileAsyncQuery((CollabEditDbContext db, Guid id, int version, CancellationToken _) => db.Revisions
            .Where(r => r.DocumentId == id && r.Version == version)
            .Select(r => new ChainState(
                r.SnapshotVersion,
                r.ChainLength,
                db.Revisions.Where(c => c.DocumentId == id && c.Version > r.SnapshotVersion && c.Version <= version).Sum(c => (long?)c.StoredSize) ?? 0,
                db.Revisions.Where(s => s.DocumentId == id && s.Version == r.SnapshotVersion).Select(s => s.StoredSize).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>The stored form of <paramref name="edit"/>'s content as the version after its expected version.</summary>
    public async Task<EncodedRevision> EncodeAsync(Guid id, DocumentEdit edit, CancellationToken cancellationToken)
    {
        var size = DocumentRules.ByteCount(edit.Content);
        var hash = DocumentRules.ContentHash(edit.Content);
        if (edit is { ExpectedVersion: int expected, Changes: { } changes } && expected > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (await ChainStateOf(db, id, expected, cancellationToken) is { } chain
                && chain.Length + 1 <= options.Value.MaxChainLength
                && await ChangesHoldAsync(db, id, expected, changes, edit.Content, cancellationToken))
            {
                var delta = RevisionCodec.EncodeDelta(changes);
                if (chain.DeltaBytes + delta.Length <= chain.SnapshotBytes)
                {
                    return new EncodedRevision(delta, chain.SnapshotVersion, chain.Length + 1, size, hash);
                }
            }
        }

        return Snapshot(edit.Content, size, hash);
    }

    /// <summary>A first version, or any text stored whole.</summary>
    public static EncodedRevision Snapshot(string content) => Snapshot(content, DocumentRules.ByteCount(content), DocumentRules.ContentHash(content));

    private static EncodedRevision Snapshot(string content, long size, string hash) => new(RevisionCodec.EncodeSnapshot(content), null, 0, size, hash);

    /// <summary>
    /// The changes really turn the replaced version's text into the content (a delta that did not would lose the text
    /// for good; a snapshot is stored instead). The replaced text is nearly always in the cache: the save just read it.
    /// </summary>
    private async Task<bool> ChangesHoldAsync(CollabEditDbContext db, Guid id, int version, ChangeSet changes, string content, CancellationToken cancellationToken)
    {
        try
        {
            if (changes.NewLength != content.Length || await texts.ReadAsync(db, id, version, cancellationToken) is not { } before || before.Length != changes.Length)
            {
                return false;
            }

            return changes.Turns(before, content);
        }
        catch (RevisionCorruptException)
        {
            // The replaced version's stored form is damaged (logged): a delta from it could not be read back either.
            return false;
        }
    }

    /// <summary>Where a version stands in its chain, for the next version's choice between a delta and a snapshot.</summary>
    internal static Task<ChainState?> ChainStateAsync(CollabEditDbContext db, Guid id, int version, CancellationToken cancellationToken) =>
        ChainStateOf(db, id, version, cancellationToken);

    /// <summary>The delta bytes since the chain's snapshot (this version's included), and what the snapshot costs.</summary>
    internal sealed record ChainState(int SnapshotVersion, int Length, long DeltaBytes, long SnapshotBytes);
}
