using Microsoft.Data.Sqlite;

namespace CollabEdit.Deltas.Bench;

/// <summary>
/// The app's PostgreSQL database seen from outside: the Revisions table's size with its TOAST table and indexes
/// (<c>pg_total_relation_size</c>; no VACUUM), and what the revisions say they hold.
/// </summary>
internal static class PostgresTables
{
    public static async Task<SqliteFile.Usage> MeasureAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var info = new Npgsql.NpgsqlCommand(
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'Revisions' AND column_name = 'StoredSize'", connection);
        var stored = (long)(await info.ExecuteScalarAsync())! > 0;
        await using var sums = new Npgsql.NpgsqlCommand(
            $"""SELECT pg_total_relation_size('"Revisions"'), COALESCE(SUM("Size"), 0)::bigint, {(stored ? "COALESCE(SUM(\"StoredSize\"), 0)::bigint" : "NULL::bigint")}, COUNT(*) FROM "Revisions" """,
            connection);
        await using var row = await sums.ExecuteReaderAsync();
        await row.ReadAsync();
        return new SqliteFile.Usage(row.GetInt64(0), row.GetInt64(1), row.IsDBNull(2) ? null : row.GetInt64(2), row.GetInt64(3));
    }
}

/// <summary>
/// The app's SQLite file seen from outside: its size after a checkpoint (the WAL moved into the file and truncated;
/// no VACUUM, so free pages count, as they do on a real server), and what the revisions say they hold.
/// </summary>
internal static class SqliteFile
{
    public static async Task<Usage> MeasureAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('Revisions');";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        await using var sums = connection.CreateCommand();
        // StoredSize: bytes on disk of a version, once revisions are stored as deltas (before that, the text is the cost).
        sums.CommandText = $"SELECT COALESCE(SUM(Size), 0), {(columns.Contains("StoredSize") ? "COALESCE(SUM(StoredSize), 0)" : "NULL")}, COUNT(*) FROM Revisions;";
        await using var row = await sums.ExecuteReaderAsync();
        await row.ReadAsync();
        return new Usage(new FileInfo(path).Length, row.GetInt64(0), row.IsDBNull(1) ? null : row.GetInt64(1), row.GetInt64(2));
    }

    /// <summary>The file's bytes, the sum of the versions' text sizes, of their stored sizes (when the schema has them), the revision count.</summary>
    public sealed record Usage(long FileBytes, long TextBytes, long? StoredBytes, long Revisions)
    {
        public static Usage operator -(Usage after, Usage before) => new(
            after.FileBytes - before.FileBytes, after.TextBytes - before.TextBytes, after.StoredBytes - before.StoredBytes, after.Revisions - before.Revisions);
    }
}
