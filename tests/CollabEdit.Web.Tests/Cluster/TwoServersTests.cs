using System.Collections.Concurrent;
using System.Net;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Cluster;

/// <summary>
/// Two app servers on one database and one Redis (a real redis-server), each on real Kestrel: what is saved on one
/// is announced once to the viewers of both, and a race across servers has one winner. On SQLite (one shared file)
/// and, in the test script's second pass, on PostgreSQL.
/// </summary>
public sealed class TwoServersTests(TwoServersTests.Servers servers) : IClassFixture<TwoServersTests.Servers>
{
    [Fact]
    public async Task ASaveOnOneServerIsAnnouncedOnceToAHubViewerAndAnOpenEditorOnTheOther()
    {
        var (document, etag) = await servers.A.CreateRealClient().CreateAsync("Across servers", "one\n");
        var hubBumps = new ConcurrentQueue<VersionBump>();
        await using var viewerOnB = new HubConnectionBuilder()
            .WithUrl(new Uri(servers.B.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}=Bo"), HttpTransportType.WebSockets)
            .Build();
        viewerOnB.On<VersionBump>(nameof(IDocumentClient.VersionBumped), hubBumps.Enqueue);
        await viewerOnB.StartAsync();
        await viewerOnB.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        var editorBumps = new ConcurrentQueue<VersionBump>();
        using var editorOnB = servers.B.Services.GetRequiredService<IVersionFeed>().Subscribe(document.Id, bump =>
        {
            editorBumps.Enqueue(bump);
            return Task.CompletedTask;
        });

        using var save = await servers.A.CreateRealClient().SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "one\ntwo\n" }, etag));
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);

        await WaitUntilAsync(() => !hubBumps.IsEmpty && !editorBumps.IsEmpty);
        await Task.Delay(500); // a second copy would arrive by now
        var bump = Assert.Single(hubBumps);
        Assert.Equal((document.Id, 2, 1), (bump.DocumentId, bump.Version, bump.LinesAdded));
        Assert.Equal(2, Assert.Single(editorBumps).Version);
    }

    [Fact]
    public async Task PresenceShowsTheViewersOfBothServersToEachOfThem()
    {
        var (document, _) = await servers.A.CreateRealClient().CreateAsync("Seen from both", "x\n");
        var seenOnA = new ConcurrentQueue<Presence>();
        var seenOnB = new ConcurrentQueue<Presence>();
        await using var ana = await JoinAsync(servers.A, "Ana", document.Id, seenOnA);
        await using var bo = await JoinAsync(servers.B, "Bo", document.Id, seenOnB);

        static bool BothIn(ConcurrentQueue<Presence> seen) =>
            seen.LastOrDefault() is { } last && last.Viewers.Select(v => v.Name).Order(StringComparer.Ordinal).SequenceEqual(["Ana", "Bo"]);
        await WaitUntilAsync(() => BothIn(seenOnA) && BothIn(seenOnB));

        // Bo leaves: Ana's server hears it.
        await bo.StopAsync();
        await WaitUntilAsync(() => seenOnA.LastOrDefault() is { } last && last.Viewers.Select(v => v.Name).SequenceEqual(["Ana"]));
    }

    private static async Task<HubConnection> JoinAsync(KestrelAppFactory server, string name, Guid documentId, ConcurrentQueue<Presence> seen)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}={name}"), HttpTransportType.WebSockets)
            .Build();
        connection.On<Presence>(nameof(IDocumentClient.PresenceChanged), seen.Enqueue);
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), documentId);
        return connection;
    }

    [Fact]
    public async Task TwentyRacingSavesWithTheSameBaseOnTwoServersHaveExactlyOneWinner()
    {
        var (document, _) = await servers.A.CreateRealClient().CreateAsync("Race across servers", "base\n");
        var clients = new[] { servers.A.CreateRealClient(), servers.B.CreateRealClient() };

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await clients[i % 2].SendAsync(ApiClient.Put(document.Id.ToString(), new { content = $"writer {i}\n", baseVersion = 1 }));
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Conflict));
        using var revisions = await clients[1].GetAsync($"/api/documents/{document.Id}/revisions");
        Assert.Contains("\"version\":2", await revisions.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"version\":3", await revisions.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneIdempotencyKeySentToBothServersAtOnceCreatesOneDocument()
    {
        // A script retrying through the load balancer lands on the other server: the key is claimed in the database.
        var key = Guid.NewGuid().ToString();
        var clients = new[] { servers.A.CreateRealClient(), servers.B.CreateRealClient() };
        var title = $"Keyed {key[..8]}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = System.Net.Http.Json.JsonContent.Create(new { title, content = "x" }) };
            request.Headers.Add("Idempotency-Key", key);
            return await clients[i % 2].SendAsync(request);
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Single(responses.Where(r => r.StatusCode == HttpStatusCode.Created).Select(r => r.Headers.Location).Distinct());
        await using var scope = servers.A.OpenDb();
        Assert.Equal(1, await scope.Db.Documents.CountAsync(d => d.Title == title));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task ATokenIssuedByOneServerIsAcceptedByTheOther()
    {
        // Keys shared through Redis: a user whose server dies goes on, signed in, on the other.
        var account = await servers.A.SignUpAsync("Ana");
        var onB = servers.B.CreateRealClient().WithToken(account.AccessToken);

        using var me = await onB.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains(account.Email, await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Both in-process servers would also find keys in this machine's default folder: check they live in Redis,
        // where servers on other machines find them.
        var redis = servers.A.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
        Assert.True(await redis.GetDatabase().ListLengthAsync("collabedit:data-protection-keys") > 0);
    }

    [Fact]
    public async Task AServerStartedWhileRedisIsDownHearsTheOthersOnceRedisIsUp()
    {
        var port = FreePort.Next();
        var configuration = $"127.0.0.1:{port},connectTimeout=500";
        RedisServer? redis = null;
        try
        {
            using var early = new ClusterNode(configuration, sharedDatabase: null);
            var (document, etag) = await early.CreateRealClient().CreateAsync("Redis came up late", "one\n");
            var heard = new ConcurrentQueue<VersionBump>();
            using var editorOnEarly = early.Services.GetRequiredService<IVersionFeed>().Subscribe(document.Id, bump =>
            {
                heard.Enqueue(bump);
                return Task.CompletedTask;
            });

            redis = RedisServer.Start(port);
            using var late = new ClusterNode(configuration, sharedDatabase: early.DatabaseConnectionString);
            var multiplexer = early.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>();
            await WaitUntilAsync(() => multiplexer.IsConnected, TimeSpan.FromSeconds(30), "the early server did not reconnect to Redis");
            await Task.Delay(500); // the subscriptions are sent again right after the connection

            using var save = await late.CreateRealClient().SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "one\ntwo\n" }, etag));
            Assert.Equal(HttpStatusCode.OK, save.StatusCode);
            await WaitUntilAsync(() => !heard.IsEmpty);
            Assert.Equal(2, Assert.Single(heard).Version);
        }
        finally
        {
            // The servers stop first, Redis last: this test is about starting without Redis. (SignalR's backplane
            // unsubscribes synchronously when a server stops, and throws if Redis goes away at that moment.)
            redis?.Dispose();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? within = null, string what = "not announced in time")
    {
        var limit = within ?? TimeSpan.FromSeconds(10);
        for (var waited = TimeSpan.Zero; !condition(); waited += TimeSpan.FromMilliseconds(50))
        {
            Assert.True(waited < limit, what);
            await Task.Delay(50);
        }
    }

    /// <summary>Server A, and server B on A's database; both on the test run's Redis.</summary>
    public sealed class Servers : ServerPair;
}
