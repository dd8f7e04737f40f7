using CollabEdit.Web.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Saves on PostgreSQL: each save is one statement on a pooled connection, in parallel with the others. The guarded
/// UPDATE ("only if the version is still N"), the revision INSERT and the answer are data-modifying CTEs of one
/// statement, so a save is atomic in one round trip. PostgreSQL groups the WAL flushes of concurrent commits by itself;
/// the single writer SQLite needs (<see cref="DocumentWriter"/>) would here only put its round trips in a queue
/// (measured: README, Benchmarks).
/// </summary>
internal sealed class PostgresSaves(NpgsqlDataSource dataSource)
{
    private const string HeadColumns = "\"Id\", \"Slug\", \"Title\", \"CurrentVersion\", \"State\", \"CreatedAt\", \"UpdatedAt\", \"UpdatedBy\", \"Size\"";

    // Outcome 0: saved (the new head). 1: the expected version already holds this content and title (its head).
    // 2: nothing written (the head as this statement saw it: archived, or moved on). No row: no such document.
    // Under READ COMMITTED a concurrent save that commits first makes the UPDATE find the version moved (it re-checks
    // its WHERE on the newest row), while the final SELECT still sees the version before: see SaveAsync.
    private static readonly string Save = $"""
        WITH cur AS (
            SELECT d."CurrentVersion" AS version, d."State" AS state,
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
            WHERE d."Id" = @id AND d."CurrentVersion" = coalesce(@expected, cur.version) AND d."State" = {(int)DocumentState.Active}
              AND NOT (cur.same AND cur.version = coalesce(@expected, cur.version))
            RETURNING d."Id", d."Slug", d."Title", d."CurrentVersion", d."State", d."CreatedAt", d."UpdatedAt", d."UpdatedBy", d."Size"
        ),
        added AS (
            INSERT INTO "Revisions" ("DocumentId", "Version", "Content", "Title", "Author", "CreatedAt", "BaseVersion", "Size", "ContentHash")
            SELECT m."Id", m."CurrentVersion", @content, m."Title", m."UpdatedBy", @now, coalesce(@base, m."CurrentVersion" - 1), @size, @hash
            FROM moved m
        )
        SELECT {HeadColumns}, 0 FROM moved
        UNION ALL
        SELECT d."Id", d."Slug", d."Title", d."CurrentVersion", d."State", d."CreatedAt", d."UpdatedAt", d."UpdatedBy", d."Size",
               CASE WHEN cur.same AND cur.version = coalesce(@expected, cur.version) AND cur.state = {(int)DocumentState.Active} THEN 1 ELSE 2 END
        FROM "Documents" d, cur
        WHERE d."Id" = @id AND NOT EXISTS (SELECT 1 FROM moved)
        """;

    private static readonly string ReadHead = $"SELECT {HeadColumns} FROM \"Documents\" WHERE \"Id\" = @id";

    private readonly StorageDialect _dialect = StorageDialect.For(StorageProvider.Postgres);

    /// <summary>Saves one edit; a save that overwrites whatever is current (no expected version) tries again if another lands first.</summary>
    public async Task<SaveOutcome> SaveAsync(Guid id, DocumentEdit edit, DateTime savedAt, long size, string contentHash)
    {
        // Started, a save is finished whether or not its caller still waits: no token reaches the database.
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, head) = await SaveOnceAsync(connection, id, edit, savedAt, size, contentHash);
            switch (outcome)
            {
                case null:
                    return new SaveOutcome.NotFound();
                case 0:
                    return new SaveOutcome.Saved(new DocumentSnapshot(head!, edit.Content));
                case 1:
                    return new SaveOutcome.Unchanged(head!);
                case 2 when head!.State == DocumentState.Archived:
                    return new SaveOutcome.Archived(head);
                case 2 when edit.ExpectedVersion is null && attempt < 10:
                    continue;
                case 2 when head!.CurrentVersion == edit.ExpectedVersion:
                    // Another save committed after this statement's snapshot: answer with the version it made.
                    return await ReadHeadAsync(connection, id) switch
                    {
                        null => new SaveOutcome.NotFound(),
                        { State: DocumentState.Archived } archived => new SaveOutcome.Archived(archived),
                        var current => new SaveOutcome.Stale(current),
                    };
                default:
                    return new SaveOutcome.Stale(head!);
            }
        }
    }

    private async Task<(int? Outcome, Document? Head)> SaveOnceAsync(NpgsqlConnection connection, Guid id, DocumentEdit edit, DateTime savedAt, long size, string contentHash)
    {
        await using var command = new NpgsqlCommand(Save, connection)
        {
            Parameters =
            {
                new("id", NpgsqlDbType.Uuid) { Value = id },
                new("expected", NpgsqlDbType.Integer) { Value = (object?)edit.ExpectedVersion ?? DBNull.Value },
                new("base", NpgsqlDbType.Integer) { Value = (object?)edit.BaseVersion ?? DBNull.Value },
                new("title", NpgsqlDbType.Varchar) { Value = (object?)edit.Title ?? DBNull.Value },
                new("content", NpgsqlDbType.Text) { Value = edit.Content },
                new("author", NpgsqlDbType.Varchar) { Value = edit.Author },
                new("now", NpgsqlDbType.TimestampTz) { Value = savedAt },
                new("size", NpgsqlDbType.Bigint) { Value = size },
                new("hash", NpgsqlDbType.Text) { Value = contentHash },
            },
        };
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(9), _dialect.ReadHead(reader)) : (null, null);
    }

    private async Task<Document?> ReadHeadAsync(NpgsqlConnection connection, Guid id)
    {
        await using var command = new NpgsqlCommand(ReadHead, connection) { Parameters = { new("id", NpgsqlDbType.Uuid) { Value = id } } };
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? _dialect.ReadHead(reader) : null;
    }
}
