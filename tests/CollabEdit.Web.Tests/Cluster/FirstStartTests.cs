using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Tests.Cluster;

/// <summary>
/// A new deployment: several servers started at the same moment on one empty database, and the first people signing
/// up at once. Migrations, the welcome document and its first owner must each happen once, and every server must start.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task ThreeServersStartingTogetherOnAnEmptyDatabaseAllStartAndMakeOneWelcomeDocumentWithOneOwner()
    {
        var folder = Path.Combine(Path.GetTempPath(), "collabedit-tests", $"{Guid.NewGuid():N}");
        var database = CollabEditApiFactory.Storage == StorageProvider.Postgres
            ? await (await PostgresServer.InstanceAsync()).CreateDatabaseAsync()
            : $"Data Source={Path.Combine(folder, "collabedit.db")}";
        Directory.CreateDirectory(folder);
        var secure = new Dictionary<string, string> { ["CollabEdit:Access:Mode"] = "Secure" };
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => new ClusterNode(RedisServer.Instance.Configuration, database, secure))));
        try
        {
            // The first four people sign up at the same moment, on different servers.
            var accounts = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => nodes[i % nodes.Length].SignUpAsync($"early{i}")));

            var owners = new List<string>();
            foreach (var account in accounts)
            {
                var list = await account.Client.GetFromJsonAsync<JsonElement>("/api/documents?take=100");
                owners.AddRange(list.GetProperty("items").EnumerateArray()
                    .Where(item => item.GetProperty("slug").GetString() == WelcomeDocumentSeeder.Slug && item.GetProperty("role").GetString() == "owner")
                    .Select(_ => account.Email));
            }

            Assert.Single(owners);
            await using var db = nodes[0].OpenDb();
            Assert.Equal(1, await db.Db.Documents.CountAsync(d => d.Slug == WelcomeDocumentSeeder.Slug));
            Assert.Equal(1, await db.Db.DocumentMembers.CountAsync(m => m.Role == DocumentRole.Owner));
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
