using CollabEdit.Web.Features.Documents;
using Npgsql;
using NpgsqlTypes;

namespace CollabEdit.Web.Storage;

/// <summary>
/// The save port on PostgreSQL: each save is one statement on a pooled connection, in parallel with the others. The
/// guarded UPDATE ("only if the version is still N", never while archived or locked), the revision INSERT and the
/// answer are data-modifying CTEs of one statement, so a save is atomic in one round trip. PostgreSQL groups the WAL
/// flushes of concurrent commits by itself; the single writer SQLite needs (<see cref="SqliteVersionWriter"/>) would
/// here only put its round trips in a queue (measured: README, Benchmarks).
/// </summary>
public sealed class PostgresVersionWriter(NpgsqlDataSource dataSource, RevisionEncoder encoder, RevisionTextCache cache) : IVersionWriter
{
    private const int MaxAttemptsWithoutExpectedVersion = 10;

    // One row, read by name: the head (the new one when "Written", else as this statement saw it), "Written" and
    // "SameAsExpected". No row: no such document. Under READ COMMITTED a concurrent save that commits first makes the
    // UPDATE find the version moved (it re-checks its WHERE on the newest row), while the final SELECT still sees the
    // version before: see WriteAsync.
    private static readonly string Save = $"""
        WITH cur AS (
            SELECT d."CurrentVersion" AS version,
                   coalesce(r."ContentHash" = @hash AND (@title IS NULL OR d."Title" = @title), false) AS same
            FROM "Documents" d
            LEFT JOIN "Revisions" r ON r."DocumentId" = d."Id" AND r."Version" = d."CurrentVersion"
            WHERE d."Id" = @id
        ),
        moved AS (
            UPDATE "Documents" d
            SET "CurrentVersion" = d."CurrentVersion" + 1, "Title" = coalesce(@title, d."Title"), "UpdatedAt" = @now,
                "UpdatedBy" = @author, "Size" = @size
            FROM cur
            WHERE d."Id" = @id AND d."CurrentVersion" = coalesce(@expected, cur.version)
              AND d."State" = {(int)DocumentState.Active} AND d."LockedAt" IS NULL
              AND NOT (cur.same AND cur.version = coalesce(@expected, cur.version))
            RETURNING d."Id", d."Slug", d."Title", d."CurrentVersion", d."State", d."CreatedAt", d."UpdatedAt", d."UpdatedBy", d."Size",
                      d."LockedAt", d."LockedBy", d."LockedByUserId"
        ),
        added AS (
            INSERT INTO "Revisions" ("DocumentId", "Version", "Title", "Author", "CreatedAt", "BaseVersion", "Size", "ContentHash",
                                     "Payload", "SnapshotVersion", "ChainLength", "StoredSize")
            SELECT m."Id", m."CurrentVersion", m."Title", m."UpdatedBy", @now, coalesce(@base, m."CurrentVersion" - 1), @size, @hash,
                   @payload, coalesce(@snapshot, m."CurrentVersion"), @chain, @stored
            FROM moved m
        )
        SELECT {StorageDialect.HeadColumns}, true AS "Written", false AS "SameAsExpected" FROM moved
        UNION ALL
        SELECT d."Id", d."Slug", d."Title", d."CurrentVersion", d."State", d."CreatedAt", d."UpdatedAt", d."UpdatedBy", d."Size",
               d."LockedAt", d."LockedBy", d."LockedByUserId",
               false, cur.same AND cur.version = coalesce(@expected, cur.version)
        FROM "Documents" d, cur
        WHERE d."Id" = @id AND NOT EXISTS (SELECT 1 FROM moved)
        """;

    private static readonly string ReadHead = $"SELECT {StorageDialect.HeadColumns} FROM \"Documents\" WHERE \"Id\" = @id";

    private readonly StorageDialect _dialect = StorageDialect.For(StorageProvider.Postgres);

    /// <summary>Saves one edit; a save that overwrites whatever is current (no expected version) tries again if another lands first.</summary>
    public async Task<SaveFacts> WriteAsync(Guid id, DocumentEdit edit, DateTime savedAt, CancellationToken cancellationToken)
    {
        // Diffing, compressing and hashing before the statement. A delta is made only for a save that names its
        // expected version (the guard makes that version this one's predecessor); "whatever is current" is a snapshot.
        var encoded = await encoder.EncodeAsync(id, edit, cancellationToken);

        // Started, a save is finished whether or not its caller still waits: no token reaches the database.
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        for (var attempt = 1; ; attempt++)
        {
            var facts = await SaveOnceAsync(connection, id, edit, savedAt, encoded);
            if (facts is { Written: true, Current: { } head })
            {
                // The next save diffs against this text, and the editors that follow read it.
                cache.Add(id, head.CurrentVersion, edit.Content);
            }

            if (SaveDecision.Decide(facts, edit) is not SaveOutcome.Stale)
            {
                return facts;
            }

            if (edit.ExpectedVersion is null && attempt < MaxAttemptsWithoutExpectedVersion)
            {
                // "Whatever is current" moved while this statement ran: try on the newest.
                continue;
            }

            if (facts.Current!.CurrentVersion == edit.ExpectedVersion)
            {
                // Another save committed after this statement's snapshot: answer with the head it made.
                return new SaveFacts(await ReadHeadAsync(connection, id), Written: false, SameAsExpected: false);
            }

            return facts;
        }
    }

    private async Task<SaveFacts> SaveOnceAsync(NpgsqlConnection connection, Guid id, DocumentEdit edit, DateTime savedAt, EncodedRevision encoded)
    {
        await using var command = new NpgsqlCommand(Save, connection)
        {
            Parameters =
            {
                new("id", NpgsqlDbType.Uuid) { Value = id },
                new("expected", NpgsqlDbType.Integer) { Value = (object?)edit.ExpectedVersion ?? DBNull.Value },
                new("base", NpgsqlDbType.Integer) { Value = (object?)edit.BaseVersion ?? DBNull.Value },
                new("title", NpgsqlDbType.Varchar) { Value = (object?)edit.Title ?? DBNull.Value },
                new("payload", NpgsqlDbType.Bytea) { Value = encoded.Payload },
                new("snapshot", NpgsqlDbType.Integer) { Value = (object?)encoded.SnapshotVersion ?? DBNull.Value },
                new("chain", NpgsqlDbType.Integer) { Value = encoded.ChainLength },
                new("stored", NpgsqlDbType.Bigint) { Value = encoded.StoredSize },
                new("author", NpgsqlDbType.Varchar) { Value = edit.Author },
                new("now", NpgsqlDbType.TimestampTz) { Value = savedAt },
                new("size", NpgsqlDbType.Bigint) { Value = encoded.Size },
                new("hash", NpgsqlDbType.Text) { Value = encoded.ContentHash },
            },
        };
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return SaveFacts.NoDocument;
        }

        return new SaveFacts(
            _dialect.ReadHead(reader),
            Written: reader.GetBoolean(reader.GetOrdinal("Written")),
            SameAsExpected: reader.GetBoolean(reader.GetOrdinal("SameAsExpected")));
    }

    private async Task<Document?> ReadHeadAsync(NpgsqlConnection connection, Guid id)
    {
        await using var command = new NpgsqlCommand(ReadHead, connection) { Parameters = { new("id", NpgsqlDbType.Uuid) { Value = id } } };
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? _dialect.ReadHead(reader) : null;
    }
}
