using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace CollabEdit.Web.Tests.Storage;

/// <summary>
/// A database made before revisions were stored as deltas (Fixtures/pre-deltas.db.br, every version a full row) is
/// opened by today's app: it upgrades in place, every version of every document reads back byte for byte, a save on
/// top of an old version is a delta, and the repack re-encodes the old rows, checked, into far fewer bytes. On
/// PostgreSQL, the same rows are copied into a database migrated only as far as the last migration before deltas.
/// </summary>
public sealed class DeltaUpgradeTests(DeltaUpgradeTests.PreDeltasApp app, ITestOutputHelper output) : IClassFixture<DeltaUpgradeTests.PreDeltasApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task TheOldDatabaseReadsIdenticalBeforeAndAfterTheRepackWhichStoresItInFarFewerBytes()
    {
        var manifest = Manifest();
        await AssertEveryVersionAsInTheManifestAsync(manifest);
        var legacyRows = await CountAsync(r => r.LegacyContent != null);
        var bytesBefore = await StoredBytesAsync();

        // A save on top of an old full row: a delta from it, its chain starting there.
        var handbook = (await _client.GetFromJsonAsync<DocumentResponse>("/api/documents/handbook", ApiClient.Json))!;
        var edited = handbook.Content.Replace("## Section 3\n", "## Section three\n", StringComparison.Ordinal);
        using (var saved = await _client.SendAsync(ApiClient.Put("handbook", new { content = edited, baseVersion = 20 })))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        Assert.Equal((20, 1), await ChainOfAsync("handbook", 21));

        var report = await app.Services.GetRequiredService<RevisionRepacker>().RepackAsync(TimeSpan.Zero, CancellationToken.None);
        var again = await app.Services.GetRequiredService<RevisionRepacker>().RepackAsync(TimeSpan.Zero, CancellationToken.None);
        var bytesAfter = await StoredBytesAsync();
        output.WriteLine($"{report}; stored bytes of every version: {bytesBefore:N0} before, {bytesAfter:N0} after");

        Assert.Equal(40, legacyRows);
        Assert.Equal(legacyRows, report.Versions);
        Assert.Equal(0, again.Versions);
        Assert.Equal(0, await CountAsync(r => r.LegacyContent != null || r.Payload == null));
        Assert.True(bytesAfter < bytesBefore / 10, $"{bytesAfter:N0} bytes after the repack, {bytesBefore:N0} before");
        // The old head, which version 21 starts from, became a snapshot; the versions before it deltas.
        Assert.Equal((20, 0), await ChainOfAsync("handbook", 20));
        Assert.Equal((20, 1), await ChainOfAsync("handbook", 21));
        Assert.Equal((1, 18), await ChainOfAsync("handbook", 19));

        await AssertEveryVersionAsInTheManifestAsync(manifest);
        app.Services.GetRequiredService<RevisionTextCache>().Clear();
        var latest = await _client.GetFromJsonAsync<RevisionResponse>("/api/documents/handbook/revisions/21", ApiClient.Json);
        Assert.Equal(edited, latest!.Content);
    }

    [Fact]
    [Trait("Storage", "Sqlite")]
    public async Task TheUpgradedTriggersStillRefuseAChangedHashOrText()
    {
        using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Revisions SET ContentHash = 'x' WHERE Version = 1";
        using var text = connection.CreateCommand();
        text.CommandText = "UPDATE Revisions SET Content = 'rewritten' WHERE Version = 1";

        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => command.ExecuteNonQuery()).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => text.ExecuteNonQuery()).Message, StringComparison.Ordinal);
    }

    /// <summary>Every version of every document, from the database (not the cache), as the old code served it; the seeded welcome document by its stored hash.</summary>
    private async Task AssertEveryVersionAsInTheManifestAsync(IReadOnlyList<ManifestEntry> manifest)
    {
        app.Services.GetRequiredService<RevisionTextCache>().Clear();
        foreach (var entry in manifest)
        {
            var revision = await _client.GetFromJsonAsync<RevisionResponse>($"/api/documents/{entry.Slug}/revisions/{entry.Version}", ApiClient.Json);
            Assert.Equal((entry.Sha256, entry.Size), (DocumentRules.ContentHash(revision!.Content), DocumentRules.ByteCount(revision.Content)));
        }

        var welcome = await _client.GetFromJsonAsync<RevisionResponse>("/api/documents/welcome/revisions/1", ApiClient.Json);
        Assert.Equal(welcome!.ContentHash, DocumentRules.ContentHash(welcome.Content));
        Assert.Equal(39, manifest.Count);
    }

    private async Task<(int SnapshotVersion, int ChainLength)> ChainOfAsync(string slug, int version)
    {
        await using var scope = app.OpenDb();
        var id = (await scope.Db.Documents.SingleAsync(d => d.Slug == slug)).Id;
        var row = await scope.Db.Revisions.SingleAsync(r => r.DocumentId == id && r.Version == version);
        return (row.SnapshotVersion, row.ChainLength);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Revision, bool>> where)
    {
        await using var scope = app.OpenDb();
        return await scope.Db.Revisions.CountAsync(where);
    }

    private async Task<long> StoredBytesAsync()
    {
        await using var scope = app.OpenDb();
        return await scope.Db.Revisions.SumAsync(r => r.StoredSize);
    }

    private static List<ManifestEntry> Manifest() =>
        JsonSerializer.Deserialize<List<ManifestEntry>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pre-deltas.json")), ApiClient.Json)!;

    private sealed record ManifestEntry(string Slug, int Version, long Size, string Sha256);

    /// <summary>The app on a copy of the old file (on PostgreSQL: of its rows), with no background repack (the test runs it).</summary>
    public sealed class PreDeltasApp : CollabEditApiFactory
    {
        /// <summary>The last PostgreSQL migration before deltas.</summary>
        private const string BeforeDeltasOnPostgres = "20261207091643_DocumentLocks";

        public PreDeltasApp()
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            var oldFile = Storage == StorageProvider.Postgres ? Path.ChangeExtension(DatabasePath, ".old.db") : DatabasePath;
            using (var compressed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pre-deltas.db.br")))
            using (var brotli = new BrotliStream(compressed, CompressionMode.Decompress))
            using (var file = File.Create(oldFile))
            {
                brotli.CopyTo(file);
            }

            if (Storage == StorageProvider.Postgres)
            {
                CopyToPostgresBeforeDeltas(oldFile, DatabaseConnectionString);
            }
        }

        private static void CopyToPostgresBeforeDeltas(string oldFile, string connectionString)
        {
            using (var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options))
            {
                db.GetService<IMigrator>().Migrate(BeforeDeltasOnPostgres);
            }

            using var from = new SqliteConnection($"Data Source={oldFile};Mode=ReadOnly");
            from.Open();
            using var to = new NpgsqlConnection(connectionString);
            to.Open();
            Copy(from, to, "Documents", ["Id", "Slug", "Title", "CurrentVersion", "State", "CreatedAt", "UpdatedAt", "UpdatedBy", "Size", "LockedAt", "LockedBy", "LockedByUserId"]);
            Copy(from, to, "Revisions", ["DocumentId", "Version", "Content", "Title", "Author", "CreatedAt", "BaseVersion", "Size", "ContentHash"]);
        }

        /// <summary>Every row of a table, column by column as SQLite holds it (ids, and times as UTC, converted).</summary>
        private static void Copy(SqliteConnection from, NpgsqlConnection to, string table, string[] columns)
        {
            using var read = from.CreateCommand();
            read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\"";
            using var rows = read.ExecuteReader();
            while (rows.Read())
            {
                using var insert = new NpgsqlCommand(
                    $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})", to);
                for (var i = 0; i < columns.Length; i++)
                {
                    object value = rows.IsDBNull(i) ? DBNull.Value : rows.GetValue(i);
                    value = columns[i] switch
                    {
                        "Id" or "DocumentId" when value is string id => Guid.Parse(id),
                        "CreatedAt" or "UpdatedAt" or "LockedAt" when value is string time =>
                            DateTime.SpecifyKind(DateTime.Parse(time, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
                        "CurrentVersion" or "Version" or "State" or "BaseVersion" when value is long number => (int)number,
                        _ => value,
                    };
                    insert.Parameters.AddWithValue($"p{i}", value);
                }

                insert.ExecuteNonQuery();
            }
        }

        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.Repack)}"] = "false",
        };
    }
}
