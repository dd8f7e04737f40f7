using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CollabEdit.Web.Tests.Storage;

/// <summary>Long histories with the default chain rules: what they cost on disk, and reads from deep in a chain.</summary>
public sealed class DeltaChainTests(CollabEditApiFactory app, ITestOutputHelper output) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task AVersionDeepInALongChainReadsBackExactly()
    {
        // Each line has 16 random bytes (hex), so that the snapshot does not compress to less than the deltas.
        var random = new Random(7);
        var lines = Enumerable.Range(0, 500).Select(i => $"Line {i}: {Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))}{Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))} and some prose.").ToList();
        var texts = new List<string> { string.Join("\r\n", lines) };
        var (created, _) = await _client.CreateAsync("Deep chain", texts[0]);
        for (var version = 1; version < 200; version++)
        {
            lines[(version * 7) % lines.Count] += $" (edit {version} ✓)";
            if (version % 10 == 0)
            {
                lines.Insert(version, $"A line inserted at version {version + 1} 😀");
            }

            texts.Add(string.Join("\r\n", lines));
            using var saved = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = texts[^1], baseVersion = version }));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        await using var scope = app.OpenDb();
        var rows = await scope.Db.Revisions.AsNoTracking().Where(r => r.DocumentId == created.Id).OrderBy(r => r.Version)
            .Select(r => new { r.Version, r.SnapshotVersion, r.ChainLength }).ToListAsync();
        app.Services.GetRequiredService<RevisionTextCache>().Clear();
        var deep = await _client.GetFromJsonAsync<RevisionResponse>($"/api/documents/{created.Slug}/revisions/150", ApiClient.Json);
        var last = await _client.GetFromJsonAsync<RevisionResponse>($"/api/documents/{created.Slug}/revisions/200", ApiClient.Json);

        // Version 150 is read from a snapshot through a long chain of deltas.
        output.WriteLine($"version 150: snapshot {rows[149].SnapshotVersion}, {rows[149].ChainLength} deltas; snapshots at {string.Join(", ", rows.Where(r => r.ChainLength == 0).Select(r => r.Version))}");
        Assert.True(rows[149].ChainLength >= 100, $"version 150 is {rows[149].ChainLength} deltas from its snapshot");
        Assert.Equal(texts[149], deep!.Content);
        Assert.Equal(texts[199], last!.Content);
    }

    [Fact]
    [Trait("Storage", "Sqlite")]
    public async Task AHundredOneLineEditsOfAMegabyteDocumentGrowTheFileByLittle()
    {
        var random = new Random(18);
        string[] words = ["the", "version", "delta", "snapshot", "chain", "merge", "editor", "save", "text", "line", "storage", "handbook"];
        var lines = Enumerable.Range(0, 14_000).Select(_ => string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)]))).ToList();
        var text = string.Join('\n', lines) + "\n";
        Assert.InRange(text.Length, 1_000_000, 1_200_000);
        var (created, _) = await _client.CreateAsync("A megabyte", text);
        var before = FileBytes();

        for (var version = 1; version <= 100; version++)
        {
            lines[random.Next(lines.Count)] = $"edited in version {version + 1}";
            using var saved = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = string.Join('\n', lines) + "\n", baseVersion = version }));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        var growth = FileBytes() - before;
        await using var scope = app.OpenDb();
        var stored = await scope.Db.Revisions.Where(r => r.DocumentId == created.Id).Select(r => new { r.Version, r.StoredSize }).ToListAsync();
        output.WriteLine($"1 MB document, 100 one-line edits: file grew {growth:N0} bytes; snapshot {stored.Single(r => r.Version == 1).StoredSize:N0} bytes, 100 deltas {stored.Where(r => r.Version > 1).Sum(r => r.StoredSize):N0} bytes");

        // Before deltas, the same edits grew the file by ~103 MB (issue 18).
        Assert.True(growth < 2_000_000, $"the file grew by {growth:N0} bytes");
        Assert.True(stored.Where(r => r.Version > 1).Sum(r => r.StoredSize) < 100 * 200, "the deltas cost more than a line each");
    }

    /// <summary>The database's size with everything written back into the main file.</summary>
    private long FileBytes()
    {
        using (var connection = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        var wal = new FileInfo(app.DatabasePath + "-wal");
        return new FileInfo(app.DatabasePath).Length + (wal.Exists ? wal.Length : 0);
    }
}
