using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CollabEdit.Bench;

/// <summary>
/// The storage ceiling: the guarded UPDATE alone ("… WHERE Id = @id AND CurrentVersion = @v"), one
/// autocommit statement at a time, on the app's own SQLite file, at a given durability setting.
/// </summary>
internal static class RawGuardedUpdate
{
    public static async Task<double> PerSecondAsync(string databasePath, Guid documentId, string synchronous, TimeSpan duration)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT CurrentVersion FROM Documents WHERE Id = $id";
        read.Parameters.AddWithValue("$id", documentId.ToString().ToUpperInvariant());
        var version = Convert.ToInt64(await read.ExecuteScalarAsync(), CultureInfo.InvariantCulture);

        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE Documents SET CurrentVersion = $v + 1 WHERE Id = $id AND CurrentVersion = $v";
        update.Parameters.AddWithValue("$id", documentId.ToString().ToUpperInvariant());
        var expected = update.Parameters.Add("$v", SqliteType.Integer);
        update.Prepare();

        var updates = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            expected.Value = version;
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InvalidOperationException("The guarded update did not apply: the document changed under the benchmark.");
            }

            version++;
            updates++;
        }

        return updates / clock.Elapsed.TotalSeconds;
    }
}
