using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.E2E;

/// <summary>
/// The cluster as <c>scripts/cluster.sh start</c> makes it: PostgreSQL, Redis, two app servers and nginx, each a
/// real process. Races through nginx, announcements across servers, and a server killed with SIGKILL.
/// </summary>
[Collection(ClusterTests.Sequential)]
public sealed class ClusterTests(ClusterTests.Cluster cluster) : IClassFixture<ClusterTests.Cluster>
{
    /// <summary>One cluster at a time: each start publishes the app.</summary>
    public const string Sequential = "cluster";

    [Fact]
    public async Task TwentyRacingSavesWithTheSameBaseThroughNginxOnBothServersHaveOneWinner()
    {
        var id = await cluster.CreateAsync("Race through nginx");
        var servers = new ConcurrentDictionary<string, int>();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{id}") { Content = JsonContent.Create(new { content = $"writer {i}\n", baseVersion = 1 }) };
            request.Headers.Add("Cookie", $"collabedit_route=racer-{i}");
            using var response = await cluster.Client.SendAsync(request);
            servers.AddOrUpdate(response.Headers.GetValues("X-CollabEdit-Upstream").Single(), 1, (_, n) => n + 1);
            return response.StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(2, servers.Count); // the racers were spread over both servers
    }

    [Fact]
    public async Task AViewerOnOneServerGetsTheBumpOfASaveOnTheOtherOnce()
    {
        var id = await cluster.CreateAsync("Across servers");
        var bumps = new ConcurrentQueue<JsonElement>();
        await using var viewer = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.Server(1), "/hubs/documents?name=Ana"), HttpTransportType.WebSockets)
            .Build();
        viewer.On<JsonElement>("VersionBumped", bumps.Enqueue);
        await viewer.StartAsync();
        await viewer.InvokeAsync("JoinDocument", Guid.Parse(id));

        using var onTwo = new HttpClient { BaseAddress = cluster.Server(2) };
        using var save = await onTwo.PutAsJsonAsync($"/api/documents/{id}", new { content = "saved on two\n", baseVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);

        await WaitUntilAsync(() => !bumps.IsEmpty);
        await Task.Delay(500);
        Assert.Equal(2, Assert.Single(bumps).GetProperty("version").GetInt32());
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int seconds = 10)
    {
        for (var waited = 0; !condition(); waited += 100)
        {
            Assert.True(waited < seconds * 1000, $"not within {seconds} s");
            await Task.Delay(100);
        }
    }

    /// <summary>scripts/cluster.sh start, once for the class, in a folder of its own; stop at the end.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private readonly string _state = Directory.CreateTempSubdirectory("collabedit-cluster-test-").FullName;

        public Uri Address { get; private set; } = default!;

        public HttpClient Client { get; private set; } = default!;

        public Uri Server(int n) => new($"http://127.0.0.1:{File.ReadAllText(Path.Combine(_state, $"app-{n}.port")).Trim()}");

        public void Kill(int n) => Process.GetProcessById(int.Parse(File.ReadAllText(Path.Combine(_state, $"app-{n}.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture)).Kill();

        public async Task<string> CreateAsync(string title)
        {
            using var created = await Client.PostAsJsonAsync("/api/documents", new { title, content = "base\n" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        }

        /// <summary>A route cookie that nginx sends to server <paramref name="n"/>.</summary>
        public async Task<string> RouteToAsync(int n)
        {
            var wanted = Server(n).Authority;
            for (var i = 0; i < 200; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
                request.Headers.Add("Cookie", $"collabedit_route=probe-{i}");
                using var response = await Client.SendAsync(request);
                if (response.Headers.GetValues("X-CollabEdit-Upstream").Single() == wanted)
                {
                    return $"probe-{i}";
                }
            }

            throw new InvalidOperationException($"no route to {wanted} in 200 tries");
        }

        public async Task InitializeAsync()
        {
            var output = await RunScriptAsync("start");
            Address = new Uri(output.Trim().Split('\n')[^1]);
            // Route cookies are set per request by the tests: no cookie container.
            Client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await RunScriptAsync("stop");
            Directory.Delete(_state, recursive: true);
        }

        private async Task<string> RunScriptAsync(string command)
        {
            var start = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "scripts", "cluster.sh"), [command])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["COLLABEDIT_CLUSTER_DIR"] = _state;
            // Open mode, and limits for one test client: every request comes from 127.0.0.1 (also: settings given
            // to the script reach both servers).
            start.Environment["CollabEdit__Access__Mode"] = "Open";
            foreach (var kind in new[] { "Writes", "Reads", "Hub" })
            {
                start.Environment[$"CollabEdit__RateLimiting__{kind}__TokenLimit"] = "100000";
                start.Environment[$"CollabEdit__RateLimiting__{kind}__TokensPerPeriod"] = "100000";
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"cluster.sh {command} failed ({process.ExitCode}): {await errors}");
            }

            return await output;
        }
    }
}

/// <summary>A server of the cluster killed with SIGKILL (a cluster of its own: the other tests need both servers).</summary>
[Collection(ClusterTests.Sequential)]
public sealed class ClusterFailoverTests(ClusterTests.Cluster cluster) : IClassFixture<ClusterTests.Cluster>
{
    [Fact]
    public async Task KillingAServerLosesNoAcknowledgedSaveAndItsUsersGoOnWithTheOther()
    {
        var id = await cluster.CreateAsync("Killed");
        // A viewer whose route leads to server 1, through nginx.
        var route = await cluster.RouteToAsync(1);
        var bumps = new ConcurrentQueue<JsonElement>();
        await using var viewer = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.Address, "/hubs/documents?name=Bo"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["Cookie"] = $"collabedit_route={route}";
            })
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)])
            .Build();
        viewer.On<JsonElement>("VersionBumped", bumps.Enqueue);
        viewer.Reconnected += _ => viewer.InvokeAsync("JoinDocument", Guid.Parse(id));
        await viewer.StartAsync();
        await viewer.InvokeAsync("JoinDocument", Guid.Parse(id));

        // Presence across servers: "Gone" is on server 1 (and will not come back), "Stays" watches from server 2.
        var presence = new ConcurrentQueue<JsonElement>();
        await using var gone = new HubConnectionBuilder().WithUrl(new Uri(cluster.Server(1), "/hubs/documents?name=Gone"), HttpTransportType.WebSockets).Build();
        await gone.StartAsync();
        await gone.InvokeAsync("JoinDocument", Guid.Parse(id));
        await using var stays = new HubConnectionBuilder().WithUrl(new Uri(cluster.Server(2), "/hubs/documents?name=Stays"), HttpTransportType.WebSockets).Build();
        stays.On<JsonElement>("PresenceChanged", presence.Enqueue);
        await stays.StartAsync();
        await stays.InvokeAsync("JoinDocument", Guid.Parse(id));
        bool Sees(string name) => presence.LastOrDefault() is { ValueKind: JsonValueKind.Object } last
            && last.GetProperty("viewers").EnumerateArray().Any(v => v.GetProperty("name").GetString() == name);
        await ClusterTests.WaitUntilAsync(() => Sees("Gone") && Sees("Stays"));

        // Writers on both servers save one after another, each on top of what it last saw; server 1 dies meanwhile.
        var acknowledged = new ConcurrentBag<int>();
        var answers = new ConcurrentBag<HttpStatusCode>();
        var failures = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}");
                    read.Headers.Add("Cookie", $"collabedit_route=writer-{w}");
                    using var current = await cluster.Client.SendAsync(read);
                    using var save = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{id}") { Content = JsonContent.Create(new { content = $"writer {w} at {DateTime.UtcNow:O}\n" }) };
                    save.Headers.Add("Cookie", $"collabedit_route=writer-{w}");
                    save.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag?.ToString());
                    using var saved = await cluster.Client.SendAsync(save);
                    answers.Add(saved.StatusCode);
                    if (saved.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.Add((await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
                    }
                }
                catch (HttpRequestException exception)
                {
                    // A request caught by the kill: not acknowledged, so nothing is promised about it.
                    failures.Add(exception.Message);
                }
            }
        })).ToList();
        await Task.Delay(1_500);
        cluster.Kill(1);
        var killedAt = Stopwatch.StartNew();
        await Task.Delay(3_000);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        // The dead server's viewers drop out of presence on the other within seconds (it stops repeating them).
        await ClusterTests.WaitUntilAsync(() => !Sees("Gone"), seconds: 15);
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(15));

        using var history = await new HttpClient { BaseAddress = cluster.Server(2) }.GetFromJsonAsync<JsonDocument>($"/api/documents/{id}/revisions?take=200");
        var stored = history!.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("version").GetInt32()).ToHashSet();
        Assert.True(!acknowledged.IsEmpty, string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Count()} × {(int)g.Key}")) + " " + string.Join("; ", failures.Distinct()));
        Assert.All(acknowledged, version => Assert.Contains(version, stored));

        // The viewer of server 1 is back, on server 2, and hears the next save.
        await ClusterTests.WaitUntilAsync(() => viewer.State == HubConnectionState.Connected, seconds: 30);
        var before = bumps.Count;
        using var last = await new HttpClient { BaseAddress = cluster.Server(2) }.PutAsJsonAsync($"/api/documents/{id}", new { content = "after the kill\n", baseVersion = stored.Max() });
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        await ClusterTests.WaitUntilAsync(() => bumps.Count > before);
    }
}
