using System.Data.Common;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Tests.Storage;

public sealed class StorageTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    [Trait("Storage", "Sqlite")]
    public void TheDatabaseIsARealFileAtTheConfiguredPath()
    {
        Assert.True(File.Exists(factory.DatabasePath));
    }

    [Fact]
    [Trait("Storage", "Sqlite")]
    public async Task TheFileIsInWalModeAndAppConnectionsUseSynchronousFull()
    {
        await using var scope = factory.OpenDb();
        var db = scope.Db;

        Assert.Equal("wal", await ScalarAsync<string>(db, "PRAGMA journal_mode"));
        Assert.Equal(2L, await ScalarAsync<long>(db, "PRAGMA synchronous"));
        Assert.Equal(1L, await ScalarAsync<long>(db, "PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task TheFirstRunSeedsAWelcomeDocument()
    {
        var welcome = await _client.GetAsync($"/api/documents/{WelcomeDocumentSeeder.Slug}");

        Assert.Equal(System.Net.HttpStatusCode.OK, welcome.StatusCode);
    }

    [Fact]
    public async Task RevisionsCannotBeUpdatedOrDeleted()
    {
        var (created, _) = await _client.CreateAsync("Append only", "original");
        await using var scope = factory.OpenDb();
        var db = scope.Db;

        var update = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Revisions.Where(r => r.DocumentId == created.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.LegacyContent, "rewritten")));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() =>
            db.Revisions.Where(r => r.DocumentId == created.Id).ExecuteDeleteAsync());

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal("original", await new DocumentStore(db, TimeProvider.System).TextAsync(created.Id, 1, CancellationToken.None));
    }

    [Fact]
    public async Task ASecondRevisionWithTheSameVersionIsRefusedByTheKey()
    {
        var (created, _) = await _client.CreateAsync("Unique versions");
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        db.Revisions.Add(new Revision { DocumentId = created.Id, Version = 1, Content = "dup", Title = "t", Author = "a", ContentHash = "h" });

        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(DocumentStore.IsUniqueViolation(failure));
    }

    [Fact]
    [Trait("Storage", "Sqlite")]
    public async Task TheMigratedSchemaMatchesTheModel()
    {
        // The migration is hand-written (no EF Design package here): compare it with what EF would create from the model.
        var modelPath = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "from-model.db");
        var options = new DbContextOptionsBuilder<CollabEditDbContext>().UseSqlite($"Data Source={modelPath}").Options;
        await using (var fromModel = new CollabEditDbContext(options))
        {
            await fromModel.Database.EnsureCreatedAsync();
        }

        await using var scope = factory.OpenDb();
        var migrated = await DescribeSchemaAsync(scope.Db.Database.GetDbConnection().ConnectionString);
        var expected = await DescribeSchemaAsync($"Data Source={modelPath}");

        Assert.Equal(expected, migrated);
    }

    [Fact]
    public async Task TheMigrationsOfTheConfiguredDatabaseMatchTheModel()
    {
        // On SQLite and on PostgreSQL (each provider has its own generated migrations).
        await using var scope = factory.OpenDb();

        Assert.False(scope.Db.Database.HasPendingModelChanges());
        Assert.Empty(await scope.Db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public void RelativeDatabasePathsAreTakenFromTheContentRootAndTheFolderIsCreated()
    {
        var root = Path.Combine(Path.GetTempPath(), "collabedit-tests", Guid.NewGuid().ToString("N"));

        var connectionString = StorageSetup.ResolveConnectionString(null, root);

        Assert.Equal(Path.Combine(root, "data", "collabedit.db"), new SqliteConnectionStringBuilder(connectionString).DataSource);
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Directory.Delete(root, recursive: true);
    }

    private static async Task<T> ScalarAsync<T>(CollabEditDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Tables, columns (name, type, not null, key) and indexes, ignoring EF's migrations history and our triggers.</summary>
    private static async Task<List<string>> DescribeSchemaAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        var tables = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' AND name <> '__EFMigrationsLock' ORDER BY name";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var columns = connection.CreateCommand();
            columns.CommandText = $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}') ORDER BY name";
            await using (var reader = await columns.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add($"{table}.{reader.GetString(0)} {reader.GetString(1)} notnull={reader.GetInt64(2)} pk={reader.GetInt64(3)}");
                }
            }

            await using var indexes = connection.CreateCommand();
            indexes.CommandText = $"SELECT name, \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c' ORDER BY name";
            await using (var reader = await indexes.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add($"{table} index {reader.GetString(0)} unique={reader.GetInt64(1)}");
                }
            }

            await using var keys = connection.CreateCommand();
            keys.CommandText = $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')";
            await using (var reader = await keys.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    lines.Add($"{table} fk {reader.GetString(1)} -> {reader.GetString(0)}.{reader.GetString(2)} on delete {reader.GetString(3)}");
                }
            }
        }

        return lines;
    }
}

[Trait("Storage", "Sqlite")]
public sealed class StorageDurabilitySettingTests(StorageDurabilitySettingTests.NormalSyncFactory factory) : IClassFixture<StorageDurabilitySettingTests.NormalSyncFactory>
{
    public sealed class NormalSyncFactory : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Storage:Synchronous"] = "Normal",
        };
    }

    [Fact]
    public async Task SynchronousIsConfigurable()
    {
        await using var scope = factory.OpenDb();
        var db = scope.Db;
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous";

        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
