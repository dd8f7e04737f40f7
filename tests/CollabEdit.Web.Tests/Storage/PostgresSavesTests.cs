using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Web.Tests.Infrastructure;
using Npgsql;

namespace CollabEdit.Web.Tests.Storage;

/// <summary>
/// PostgreSQL's save statement where only PostgreSQL can be caught: a save whose statement began before another
/// save committed, and waited for its row lock. Run in the test script's PostgreSQL pass only (by its trait).
/// </summary>
[Trait("Storage", "Postgres")]
public sealed class PostgresSavesTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    [Fact]
    public async Task ASaveThatWaitedForAnotherOnesLockIsToldTheVersionThatOneMade()
    {
        Assert.Equal(Web.Storage.StorageProvider.Postgres, CollabEditApiFactory.Storage);
        var client = factory.CreateClient();
        var (created, _) = await client.CreateAsync("Waits for a lock", "one\n");

        // Another server's save, caught between its UPDATE and its COMMIT: it holds the document's row.
        await using var other = new NpgsqlConnection(factory.DatabaseConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand(
            """
            UPDATE "Documents" SET "CurrentVersion" = 2, "UpdatedBy" = 'Bo' WHERE "Id" = @id;
            INSERT INTO "Revisions" ("DocumentId", "Version", "Content", "Title", "Author", "CreatedAt", "BaseVersion", "Size", "ContentHash",
                                     "SnapshotVersion", "ChainLength", "StoredSize")
            SELECT "Id", 2, 'two', "Title", 'Bo', now(), 1, 3, encode(sha256('two'::bytea), 'hex'), 2, 0, 3 FROM "Documents" WHERE "Id" = @id
            """, other, transaction))
        {
            update.Parameters.AddWithValue("id", created.Id);
            await update.ExecuteNonQueryAsync();
        }

        var save = client.SendAsync(ApiClient.Put(created.Slug, new { content = "one\nmine\n", baseVersion = 1 }));
        await WaitUntilASaveWaitsForALockAsync();
        await transaction.CommitAsync();

        using var response = await save;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
    }

    private async Task WaitUntilASaveWaitsForALockAsync()
    {
        await using var watcher = new NpgsqlConnection(factory.DatabaseConnectionString);
        await watcher.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%WITH cur AS%'", watcher);
        for (var waited = 0; (long)(await waiting.ExecuteScalarAsync())! == 0; waited += 20)
        {
            Assert.True(waited < 10_000, "the save never waited for the row lock");
            await Task.Delay(20);
        }
    }
}
