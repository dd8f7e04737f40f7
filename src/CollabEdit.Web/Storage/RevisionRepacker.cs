using System.Security.Cryptography;
using System.Text;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Storage;

/// <summary>
/// Re-encodes the revisions written before deltas (plain <c>Content</c>) as snapshots and deltas, in version order, in
/// short transactions of <see cref="StorageOptions.RepackBatchSize"/> versions, so saves (which share SQLite's one
/// write lock) wait for one small batch at most. Every new form is decoded again and checked against the revision's
/// SHA-256 before it replaces the old one; the append-only triggers let a repack change nothing else.
/// Runs in the background after start (unless <see cref="StorageOptions.Repack"/> is false, pausing between batches),
/// or at once, all of it, by <c>dotnet CollabEdit.Web.dll repack</c> (Program.cs).
/// </summary>
/// <remarks>
/// A legacy row becomes a delta only when the row after it is legacy too: a row that later rows' chains start from (the
/// newest legacy row of a document that has been saved since the upgrade, or the current version, which a save may be
/// building on at this moment) becomes a snapshot, so it stays the start of every chain that names it.
/// </remarks>
public sealed partial class RevisionRepacker(
    IDbContextFactory<CollabEditDbContext> contexts, CollabEditDatabase database, RevisionTexts texts, IOptions<StorageOptions> options, ILogger<RevisionRepacker> logger)
    : BackgroundService
{
    private static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PauseBetweenBatches = TimeSpan.FromMilliseconds(200);

    // Any constant the app uses for nothing else: on PostgreSQL, one server of a cluster repacks at a time.
    private const long RepackLock = 0x436F6C6C6162 + 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Repack)
        {
            return;
        }

        try
        {
            // After the start, not during it: the first requests go first.
            await Task.Delay(StartDelay, stoppingToken);
            var report = await RepackAsync(PauseBetweenBatches, stoppingToken);
            if (report.Versions > 0)
            {
                LogRepacked(logger, report.ToString());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The background repack is an optimisation: the old rows stay readable as they are.
            LogRepackFailed(logger, exception);
        }
    }

    /// <summary>
    /// The <c>repack</c> command: repacks everything at once, then on SQLite gives the freed pages back to the file
    /// system (<c>VACUUM</c>: the server is not serving, and the file needs as much free disk again while it runs),
    /// and says what it saved.
    /// </summary>
    public async Task RunCommandAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var report = await RepackAsync(TimeSpan.Zero, cancellationToken);
        await output.WriteLineAsync(report.ToString());
        if (database.Provider != StorageProvider.Sqlite)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var before = new FileInfo(file).Length;
        // In WAL mode the vacuumed file is written through the WAL: the file shrinks at the checkpoint after it.
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("VACUUM;", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        await output.WriteLineAsync(FormattableString.Invariant($"Compacted {file}: {before:N0} bytes before, {new FileInfo(file).Length:N0} bytes after."));
    }

    /// <summary>Repacks every document's legacy rows; between batches, waits <paramref name="pause"/>.</summary>
    public async Task<RepackReport> RepackAsync(TimeSpan pause, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var postgres = database.Provider == StorageProvider.Postgres;
        if (postgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (!await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({RepackLock}) AS \"Value\"").SingleAsync(cancellationToken))
            {
                // Another server is repacking.
                return RepackReport.None;
            }
        }

        try
        {
            var documents = await db.Revisions.Where(r => r.Payload == null).Select(r => r.DocumentId).Distinct().ToListAsync(cancellationToken);
            var report = RepackReport.None;
            foreach (var document in documents)
            {
                report = report.Add(await RepackDocumentAsync(document, pause, cancellationToken));
            }

            return report;
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({RepackLock})", CancellationToken.None);
            }
        }
    }

    /// <summary>One document's legacy rows, in version order, in batches.</summary>
    public async Task<RepackReport> RepackDocumentAsync(Guid documentId, TimeSpan pause, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.RepackBatchSize;
        var maxChain = options.Value.MaxChainLength;
        var report = RepackReport.None;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Where the chain stands before the first legacy row (a partly repacked document goes on where it stopped).
        var first = await db.Revisions.Where(r => r.DocumentId == documentId && r.Payload == null).MinAsync(r => (int?)r.Version, cancellationToken);
        if (first is not int next)
        {
            return report;
        }

        var chain = next > 1 ? await RevisionEncoder.ChainStateAsync(db, documentId, next - 1, cancellationToken) : null;
        var previous = next > 1 ? await texts.ReadAsync(db, documentId, next - 1, cancellationToken) : null;
        while (true)
        {
            // One more row than the batch: whether the batch's last row is followed by a legacy row.
            var rows = await db.Revisions.AsNoTracking()
                .Where(r => r.DocumentId == documentId && r.Version >= next)
                .OrderBy(r => r.Version).Take(batchSize + 1)
                .ToListAsync(cancellationToken);
            var work = new List<(Revision Row, EncodedRevision Encoded, int SnapshotVersion)>();
            for (var i = 0; i < Math.Min(batchSize, rows.Count) && rows[i].LegacyContent is { } text; i++)
            {
                var row = rows[i];
                if (!Matches(text, row.Size, row.ContentHash))
                {
                    // The old row itself does not hold what its hash names: leave it for a person to look at.
                    LogLegacyRowMismatch(logger, documentId, row.Version);
                    return report;
                }

                var followedByLegacy = i + 1 < rows.Count && rows[i + 1].LegacyContent is not null;
                var encoded = Encode(previous, text, row, chain, followedByLegacy, maxChain);
                if (!Verify(encoded, previous, row))
                {
                    LogRepackMismatch(logger, documentId, row.Version);
                    return report;
                }

                var snapshotVersion = encoded.SnapshotVersion ?? row.Version;
                work.Add((row, encoded, snapshotVersion));
                chain = encoded.IsDelta
                    ? chain! with { Length = encoded.ChainLength, DeltaBytes = chain.DeltaBytes + encoded.StoredSize }
                    : new RevisionEncoder.ChainState(row.Version, 0, 0, encoded.StoredSize);
                previous = text;
            }

            if (work.Count == 0)
            {
                return report;
            }

            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                foreach (var (row, encoded, snapshotVersion) in work)
                {
                    // Only a row still in the old form: nothing else ever changes it, but the guard costs nothing.
                    await db.Revisions.Where(r => r.DocumentId == documentId && r.Version == row.Version && r.Payload == null)
                        .ExecuteUpdateAsync(
                            set => set.SetProperty(r => r.Payload, encoded.Payload).SetProperty(r => r.LegacyContent, (string?)null)
                                .SetProperty(r => r.SnapshotVersion, snapshotVersion).SetProperty(r => r.ChainLength, encoded.ChainLength)
                                .SetProperty(r => r.StoredSize, encoded.StoredSize),
                            cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            report = report.Add(new RepackReport(report.Documents == 0 ? 1 : 0, work.Count, work.Sum(w => w.Row.StoredSize), work.Sum(w => w.Encoded.StoredSize)));
            next = work[^1].Row.Version + 1;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    /// <summary>A delta from the previous version when the chain allows it and later chains cannot start here, else a snapshot.</summary>
    private static EncodedRevision Encode(string? previous, string text, Revision row, RevisionEncoder.ChainState? chain, bool followedByLegacy, int maxChain)
    {
        if (previous is not null && chain is not null && followedByLegacy && chain.Length + 1 <= maxChain)
        {
            var delta = RevisionCodec.EncodeDelta(ChangeSet.Between(previous, text));
            if (chain.DeltaBytes + delta.Length <= chain.SnapshotBytes)
            {
                return new EncodedRevision(delta, chain.SnapshotVersion, chain.Length + 1, row.Size, row.ContentHash);
            }
        }

        return new EncodedRevision(RevisionCodec.EncodeSnapshot(text), null, 0, row.Size, row.ContentHash);
    }

    /// <summary>The new form, decoded as a read would, gives back the text the row's hash names.</summary>
    private static bool Verify(EncodedRevision encoded, string? previous, Revision row)
    {
        try
        {
            var text = encoded.IsDelta ? RevisionCodec.DecodeDelta(encoded.Payload).Apply(previous!) : RevisionCodec.DecodeSnapshot(encoded.Payload);
            return Matches(text, row.Size, row.ContentHash);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or ArgumentException)
        {
            return false;
        }
    }

    private static bool Matches(string text, long size, string hash)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length == size && string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), hash, StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "{Report}")]
    private static partial void LogRepacked(ILogger logger, string report);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Error, Message = "The background repack stopped; the rows not repacked stay readable as they are")]
    private static partial void LogRepackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Error, Message = "Version {Version} of document {DocumentId} is an old full row whose text does not have its SHA-256: not repacked")]
    private static partial void LogLegacyRowMismatch(ILogger logger, Guid documentId, int version);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Error, Message = "Version {Version} of document {DocumentId} did not read back identical after re-encoding: not repacked")]
    private static partial void LogRepackMismatch(ILogger logger, Guid documentId, int version);
}
