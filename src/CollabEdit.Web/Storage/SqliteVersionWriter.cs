using System.Data.Common;
using System.Threading.Channels;
using CollabEdit.Web.Features.Documents;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Storage;

/// <summary>
/// The save port on SQLite (one writer at a time, in process): every save goes through one writer, which commits
/// them in groups. It takes whatever saves are waiting, applies each one's guarded UPDATE ("only if the version is
/// still N") and revision INSERT inside one transaction, commits once, and only then answers each caller. Under
/// <c>synchronous=FULL</c> that is one fsync for the whole group instead of one per save, and no save is acknowledged
/// before it is durable. Each save runs under its own SAVEPOINT, so one failing save never takes the others with it.
/// (PostgreSQL has its own writer, <see cref="PostgresVersionWriter"/>; registration picks one.)
/// </summary>
public sealed partial class SqliteVersionWriter(
    CollabEditDatabase database, IOptions<StorageOptions> storage, RevisionEncoder encoder, RevisionTextCache cache, ILogger<SqliteVersionWriter> logger)
    : BackgroundService, IVersionWriter
{
    private const int MaxGroupSize = 256;

    private readonly Channel<PendingSave> _queue = Channel.CreateBounded<PendingSave>(
        new BoundedChannelOptions(4 * MaxGroupSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private WriterConnection? _connection;

    /// <summary>Queues a save and waits until it is committed (or refused).</summary>
    public async Task<SaveFacts> WriteAsync(Guid id, DocumentEdit edit, DateTime savedAt, CancellationToken cancellationToken)
    {
        // Hashing, sizing, diffing and compressing happen here, on the caller's thread, not inside the write lock.
        var pending = new PendingSave(id, edit, savedAt, await encoder.EncodeAsync(id, edit, cancellationToken));
        await _queue.Writer.WriteAsync(pending, cancellationToken);

        // Once queued, the save will be decided whether or not this caller is still waiting.
        var facts = await pending.Outcome.Task;
        if (facts is { Written: true, Current: { } head })
        {
            // The next save diffs against this text, and the editors that follow read it.
            cache.Add(id, head.CurrentVersion, edit.Content);
        }

        return facts;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<PendingSave>(MaxGroupSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                group.Clear();
                while (group.Count < MaxGroupSize && reader.TryRead(out var pending))
                {
                    group.Add(pending);
                }

                try
                {
                    CommitGroup(group);
                }
                catch (Exception exception)
                {
                    // The writer must outlive anything one group does: fail that group's callers and go on.
                    LogGroupFailed(logger, exception, group.Count);
                    foreach (var pending in group)
                    {
                        pending.Outcome.TrySetException(exception);
                    }
                }
            }
        }
        finally
        {
            _connection?.Dispose();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Saves already queued are still written; new ones are refused.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private void CommitGroup(List<PendingSave> group)
    {
        var outcomes = new SaveFacts?[group.Count];
        var failures = new Exception?[group.Count];
        try
        {
            _connection ??= WriterConnection.Open(database, storage.Value);
            using var transaction = _connection.Begin();
            for (var i = 0; i < group.Count; i++)
            {
                try
                {
                    outcomes[i] = _connection.Apply(group[i]);
                }
                catch (DbException exception)
                {
                    failures[i] = exception;
                }
            }

            transaction.Commit();
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            // The commit itself failed: nothing in the group was saved. Start again on a fresh connection.
            LogGroupFailed(logger, exception, group.Count);
            _connection?.Dispose();
            _connection = null;
            foreach (var pending in group)
            {
                pending.Outcome.TrySetException(exception);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                group[i].Outcome.TrySetException(failure);
            }
            else
            {
                // Answered only after the commit: no save is acknowledged before it is durable.
                group[i].Outcome.TrySetResult(outcomes[i]!);
            }
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "A group of {Count} saves could not be committed; none of them was saved")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);

    private sealed record PendingSave(Guid Id, DocumentEdit Edit, DateTime SavedAt, EncodedRevision Encoded)
    {
        public TaskCompletionSource<SaveFacts> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The writer's own SQLite connection, with its statements prepared once and reused for every save.</summary>
    private sealed class WriterConnection : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly StorageDialect _dialect;
        private readonly SqliteCommand _currentVersion;
        private readonly SqliteCommand _expectedRevision;
        private readonly SqliteCommand _guardedUpdate;
        private readonly SqliteCommand _insertRevision;
        private readonly SqliteCommand _readHead;
        private readonly SqliteCommand _savepoint;
        private readonly SqliteCommand _release;
        private readonly SqliteCommand _rollbackTo;

        private WriterConnection(SqliteConnection connection, StorageDialect dialect)
        {
            _connection = connection;
            _dialect = dialect;
            _currentVersion = Prepare("SELECT \"CurrentVersion\" FROM \"Documents\" WHERE \"Id\" = @id", "id");
            _expectedRevision = Prepare(
                $"""
                SELECT r."ContentHash", d."Title" FROM "Documents" d JOIN "Revisions" r ON r."DocumentId" = d."Id" AND r."Version" = d."CurrentVersion"
                WHERE d."Id" = @id AND d."CurrentVersion" = @expected
                """,
                "id", "expected");
            _guardedUpdate = Prepare(
                $"""
                UPDATE "Documents"
                SET "CurrentVersion" = @expected + 1, "Title" = coalesce(@title, "Title"), "UpdatedAt" = @now, "UpdatedBy" = @author, "Size" = @size
                WHERE "Id" = @id AND "CurrentVersion" = @expected AND "State" = {(int)DocumentState.Active} AND "LockedAt" IS NULL
                RETURNING {StorageDialect.HeadColumns}
                """,
                "id", "expected", "title", "now", "author", "size");
            _insertRevision = Prepare(
                """
                INSERT INTO "Revisions" ("DocumentId", "Version", "Title", "Author", "CreatedAt", "BaseVersion", "Size", "ContentHash",
                                         "Payload", "SnapshotVersion", "ChainLength", "StoredSize")
                VALUES (@id, @version, @title, @author, @createdAt, @baseVersion, @size, @hash, @payload, @snapshot, @chain, @stored)
                """,
                "id", "version", "title", "author", "createdAt", "baseVersion", "size", "hash", "payload", "snapshot", "chain", "stored");
            _readHead = Prepare($"SELECT {StorageDialect.HeadColumns} FROM \"Documents\" WHERE \"Id\" = @id", "id");
            _savepoint = Prepare("SAVEPOINT save");
            _release = Prepare("RELEASE SAVEPOINT save");
            _rollbackTo = Prepare("ROLLBACK TO SAVEPOINT save");
        }

        public static WriterConnection Open(CollabEditDatabase database, StorageOptions storage)
        {
            var connection = new SqliteConnection(database.ConnectionString);
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = SqlitePragmaInterceptor.PragmasFor(storage);
            pragmas.ExecuteNonQuery();
            return new WriterConnection(connection, StorageDialect.For(StorageProvider.Sqlite));
        }

        /// <summary>A write transaction: SQLite takes the write lock at once, so two writers never deadlock upgrading.</summary>
        public SqliteTransaction Begin()
        {
            var transaction = _connection.BeginTransaction(deferred: false);
            foreach (var command in new[] { _currentVersion, _expectedRevision, _guardedUpdate, _insertRevision, _readHead, _savepoint, _release, _rollbackTo })
            {
                command.Transaction = transaction;
            }

            return transaction;
        }

        /// <summary>One save, all or nothing, inside the group's transaction; what it saw, for <see cref="SaveDecision"/>.</summary>
        public SaveFacts Apply(PendingSave save)
        {
            var id = _dialect.Id(save.Id);
            var expected = save.Edit.ExpectedVersion ?? Scalar(_currentVersion, id);
            if (expected is null)
            {
                return SaveFacts.NoDocument;
            }

            if (IsUnchanged(save, id, expected.Value))
            {
                return new SaveFacts(ReadHead(id), Written: false, SameAsExpected: true);
            }

            _savepoint.ExecuteNonQuery();
            try
            {
                var head = ApplyGuardedUpdate(save, id, expected.Value);
                if (head is null)
                {
                    // Refused by the guard (moved on, archived or locked): the head says which.
                    _release.ExecuteNonQuery();
                    return new SaveFacts(ReadHead(id), Written: false, SameAsExpected: false);
                }

                // A delta is made only for a save that names its expected version, which the guard has just made
                // this version's predecessor; a snapshot starts its own chain.
                var encoded = save.Encoded;
                Bind(_insertRevision, id, head.CurrentVersion, head.Title, head.UpdatedBy, save.SavedAt,
                    (object?)save.Edit.BaseVersion ?? expected.Value, encoded.Size, encoded.ContentHash,
                    encoded.Payload, encoded.SnapshotVersion ?? head.CurrentVersion, encoded.ChainLength, encoded.StoredSize);
                _insertRevision.ExecuteNonQuery();
                _release.ExecuteNonQuery();
                return new SaveFacts(head, Written: true, SameAsExpected: false);
            }
            catch (DbException)
            {
                // Back to before this save, then forget the savepoint: the group's other saves go on.
                _rollbackTo.ExecuteNonQuery();
                _release.ExecuteNonQuery();
                throw;
            }
        }

        public void Dispose() => _connection.Dispose();

        /// <summary>A save of exactly what the expected version holds makes no new version (an empty save, a retried one).</summary>
        private bool IsUnchanged(PendingSave save, object id, int expected)
        {
            Bind(_expectedRevision, id, expected);
            using var reader = _expectedRevision.ExecuteReader();
            return reader.Read()
                && string.Equals(reader.GetString(0), save.Encoded.ContentHash, StringComparison.Ordinal)
                && (save.Edit.Title is null || string.Equals(reader.GetString(1), save.Edit.Title, StringComparison.Ordinal));
        }

        private Document? ApplyGuardedUpdate(PendingSave save, object id, int expected)
        {
            Bind(_guardedUpdate, id, expected, save.Edit.Title, save.SavedAt, save.Edit.Author, save.Encoded.Size);
            using var reader = _guardedUpdate.ExecuteReader();
            return reader.Read() ? _dialect.ReadHead(reader) : null;
        }

        private Document? ReadHead(object id)
        {
            Bind(_readHead, id);
            using var reader = _readHead.ExecuteReader();
            return reader.Read() ? _dialect.ReadHead(reader) : null;
        }

        private static int? Scalar(DbCommand command, object id)
        {
            Bind(command, id);
            return command.ExecuteScalar() switch
            {
                long value => (int)value,
                int value => value,
                _ => null,
            };
        }

        private static void Bind(DbCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }
        }

        private SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            return command;
        }
    }
}
