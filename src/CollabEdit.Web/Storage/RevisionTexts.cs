using System.Text;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Storage;

/// <summary>
/// The one way the text of a version is read back: from <see cref="RevisionTextCache"/>, else by one range query for
/// the rows from the version's snapshot (<see cref="Revision.SnapshotVersion"/>) to it, decompressing the snapshot,
/// composing the deltas (what they cost, not the text's size) and applying them once. A reconstructed text is served
/// only if its SHA-256 is the revision's <see cref="Revision.ContentHash"/>: a mismatch is logged as an error and
/// thrown as <see cref="RevisionCorruptException"/>, never answered.
/// </summary>
public sealed partial class RevisionTexts(RevisionTextCache cache, ILogger<RevisionTexts> logger)
{
    // The snapshot version is read as nullable: for a version that does not exist, the comparison is NULL and no row
    // matches (as 0 it would fetch the document's whole history to answer nothing).
    private static readonly Func<CollabEditDbContext, Guid, int, IAsyncEnumerable<ChainRow>> ChainOf =
        EF.CompileAsyncQuery((CollabEditDbContext db, Guid id, int version) => db.Revisions.AsNoTracking()
            .Where(r => r.DocumentId == id && r.Version <= version
                && r.Version >= db.Revisions.Where(v => v.DocumentId == id && v.Version == version).Select(v => (int?)v.SnapshotVersion).FirstOrDefault())
            .OrderBy(r => r.Version)
            .Select(r => new ChainRow(r.Version, r.LegacyContent, r.Payload, r.Size, r.ContentHash)));

    /// <summary>The cache the texts go through.</summary>
    public RevisionTextCache Cache => cache;

    /// <summary>
    /// The instance of the app <paramref name="db"/> belongs to (the store is constructed by hand in many places, with
    /// its context only): the context's options know the application's services. A context made without them (a
    /// design-time or test context) gets one of its own, with a small cache.
    /// </summary>
    public static RevisionTexts For(DbContext db)
    {
        var services = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        return services?.GetService<RevisionTexts>() ?? Standalone.Value;
    }

    private static readonly Lazy<RevisionTexts> Standalone = new(() =>
        new RevisionTexts(new RevisionTextCache(Options.Create(new StorageOptions { RevisionCacheBytes = 16L << 20 })), NullLogger<RevisionTexts>.Instance));

    /// <summary>The text of <paramref name="version"/> of a document, checked; null when there is no such version.</summary>
    /// <exception cref="RevisionCorruptException">The stored form does not give back the text its hash names.</exception>
    public async Task<string?> ReadAsync(CollabEditDbContext db, Guid documentId, int version, CancellationToken cancellationToken)
    {
        if (cache.TryGet(documentId, version, out var cached))
        {
            return cached;
        }

        var rows = new List<ChainRow>();
        await foreach (var row in ChainOf(db, documentId, version).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows.Count == 0 || rows[^1].Version != version ? null : Reconstruct(documentId, rows);
    }

    /// <summary>Fills <see cref="Revision.Content"/> of a revision row just read (without its stored text), from the cache or its chain.</summary>
    /// <exception cref="RevisionCorruptException">The stored form does not give back the text its hash names, or the row is gone.</exception>
    public async Task<Revision> FillAsync(CollabEditDbContext db, Revision revision, CancellationToken cancellationToken)
    {
        revision.Content = await ReadAsync(db, revision.DocumentId, revision.Version, cancellationToken)
            ?? throw Corrupt(revision.DocumentId, revision.Version, "its row is gone from its own chain");
        return revision;
    }

    /// <summary>
    /// The text of the last of <paramref name="chain"/> (rows in version order, from a snapshot or a legacy row; a row
    /// whose text is cached, or a later snapshot, starts it again), checked against its hash and then cached.
    /// </summary>
    /// <exception cref="RevisionCorruptException">The rows do not give back the text the last one's hash names.</exception>
    public string Reconstruct(Guid documentId, IReadOnlyList<ChainRow> chain)
    {
        var target = chain[^1];
        try
        {
            // Start from the newest text already at hand: a cached version, else the newest full row.
            var start = -1;
            string? text = null;
            for (var i = chain.Count - 1; i >= 0 && start < 0; i--)
            {
                if (i < chain.Count - 1 && cache.TryGet(documentId, chain[i].Version, out var cached))
                {
                    (start, text) = (i, cached);
                }
                else if (chain[i].LegacyContent is { } legacy)
                {
                    (start, text) = (i, legacy);
                }
                else if (chain[i].Payload is { } payload && RevisionCodec.IsSnapshot(payload))
                {
                    (start, text) = (i, RevisionCodec.DecodeSnapshot(payload));
                }
            }

            if (text is null)
            {
                throw Corrupt(documentId, target.Version, "its chain starts with no snapshot");
            }

            ChangeSet? composed = null;
            for (var i = start + 1; i < chain.Count; i++)
            {
                if (chain[i].Payload is not { } delta)
                {
                    throw Corrupt(documentId, target.Version, $"version {chain[i].Version} in its chain has no payload");
                }

                var changes = RevisionCodec.DecodeDelta(delta);
                composed = composed is null ? changes : composed.Compose(changes);
            }

            var result = composed is null ? text : composed.Apply(text);
            if (DocumentRules.ByteCount(result) != target.Size || !string.Equals(DocumentRules.ContentHash(result), target.ContentHash, StringComparison.Ordinal))
            {
                throw Corrupt(documentId, target.Version, "the text it gives back does not have its SHA-256");
            }

            cache.Add(documentId, target.Version, result);
            return result;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or ArgumentException or FormatException or DecoderFallbackException)
        {
            throw Corrupt(documentId, target.Version, "its stored form cannot be decoded", exception);
        }
    }

    private RevisionCorruptException Corrupt(Guid documentId, int version, string reason, Exception? inner = null)
    {
        LogCorrupt(logger, inner, documentId, version, reason);
        return new RevisionCorruptException(documentId, version, reason, inner);
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Error, Message = "Version {Version} of document {DocumentId} is not served: {Reason}")]
    private static partial void LogCorrupt(ILogger logger, Exception? exception, Guid documentId, int version, string reason);

    /// <summary>What a read needs of one row of a chain.</summary>
    public sealed record ChainRow(int Version, string? LegacyContent, byte[]? Payload, long Size, string ContentHash);
}
