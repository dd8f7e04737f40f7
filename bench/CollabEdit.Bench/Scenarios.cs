using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CollabEdit.Bench;

/// <summary>The runs of the load test, each against a server started as its own process.</summary>
internal sealed class Scenarios(BenchOptions options, string root, string work)
{
    private const int ContendedWriters = 8;
    private static readonly string Content = string.Concat(Enumerable.Range(1, 40).Select(i => $"Line {i}: the quick brown fox jumps over the lazy dog.\n"));

    private string AppExecutable => Path.Combine(root, "src/CollabEdit.Web/bin/Release/net10.0/CollabEdit.Web");
    private string BareExecutable => Path.Combine(root, "bench/CollabEdit.BareServer/bin/Release/net10.0/CollabEdit.BareServer");

    /// <summary>The app's runs at one durability setting, then the raw guarded UPDATE on the same file.</summary>
    public async Task<List<string[]>> RunAppAsync(string synchronous)
    {
        var rows = new List<string[]>();
        var databasePath = Path.Combine(work, $"bench-{synchronous.ToLowerInvariant()}.db");
        Guid rawTarget;
        await using (var app = await StartAppAsync(databasePath, synchronous))
        {
            using var client = NewClient(app.Address);
            (rawTarget, _) = await CreateAsync(client, "raw target");
            rows.AddRange(await AppRunsAsync(app, client, synchronous));
        }

        if (options.Runs("raw"))
        {
            var raw = await RawGuardedUpdate.PerSecondAsync(databasePath, rawTarget, synchronous, options.Duration);
            rows.Add([$"raw guarded UPDATE, same file, sync={synchronous}", Rate(raw), "", "", "", "", "", ""]);
        }

        return rows;
    }

    /// <summary>
    /// The app's runs against servers started by someone else (scripts/cluster.sh: nginx in front of app servers on
    /// PostgreSQL). The client keeps no cookies, so nginx spreads its requests over every server.
    /// </summary>
    public async Task<List<string[]>> RunTargetAsync(RunningServers servers, string label)
    {
        using var client = NewClient(servers.Address, useCookies: false);
        return await AppRunsAsync(servers, client, label);
    }

    /// <summary>The runs asked for (<c>--only</c>) against the app: conditional GETs, then saves.</summary>
    private async Task<List<string[]>> AppRunsAsync(IServerUnderLoad app, HttpClient client, string label)
    {
        var rows = new List<string[]>();
        if (options.Runs("get"))
        {
            rows.Add(await ConditionalGetsAsync(app, client, label));
        }

        if (options.Runs("distinct"))
        {
            rows.Add(await DistinctSavesAsync(app, client, label));
        }

        if (options.Runs("contended"))
        {
            rows.Add(await ContendedSavesAsync(app, client, label));
        }

        return rows;
    }

    public async Task<string[]> RunBareAsync()
    {
        var body = Path.Combine(work, "bare-body.json");
        await File.WriteAllTextAsync(body, SameBytesAsTheApp());
        await using var bare = await ServerProcess.StartAsync(BareExecutable, ["--body", body], QuietEnvironment());
        using var client = NewClient(bare.Address);
        var result = await Load.RunAsync(bare, options.Connections, options.WarmUp, options.Duration, (_, stop) => ConditionalGetAsync(client, "/doc", "\"bare-v1\"", stop));
        return Row("conditional GET (304), bare minimal API", result, "304");
    }

    private async Task<string[]> ConditionalGetsAsync(IServerUnderLoad app, HttpClient client, string synchronous)
    {
        var (id, etag) = await CreateAsync(client, "read target");
        var result = await Load.RunAsync(app, options.Connections, options.WarmUp, options.Duration, (_, stop) => ConditionalGetAsync(client, $"/api/documents/{id}", etag, stop));
        return Row($"conditional GET (304), app, {Label(synchronous)}", result, "304");
    }

    /// <summary>Each connection saves its own document, over and over, on top of the version it holds.</summary>
    private async Task<string[]> DistinctSavesAsync(IServerUnderLoad app, HttpClient client, string synchronous)
    {
        var documents = await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(i => CreateAsync(client, $"distinct {i}")));
        var held = Enumerable.Repeat(1, options.Connections).ToArray();
        var result = await Load.RunAsync(app, options.Connections, options.WarmUp, options.Duration, async (worker, stop) =>
        {
            var content = Content + held[worker].ToString(CultureInfo.InvariantCulture);
            using var response = await client.PutAsJsonAsync($"/api/documents/{documents[worker].Id}", new { content, baseVersion = held[worker] }, stop);
            held[worker] = await VersionAfterAsync(response, held[worker], stop);
            return Status(response);
        });
        return Row($"saves, distinct documents, {Label(synchronous)}", result, "200");
    }

    /// <summary>Eight writers on one document; each retries on top of the version a 409 reports, as a real client would.</summary>
    private async Task<string[]> ContendedSavesAsync(IServerUnderLoad app, HttpClient client, string synchronous)
    {
        var (id, _) = await CreateAsync(client, "contended");
        var held = Enumerable.Repeat(1, ContendedWriters).ToArray();
        var result = await Load.RunAsync(app, ContendedWriters, options.WarmUp, options.Duration, async (worker, stop) =>
        {
            using var response = await client.PutAsJsonAsync($"/api/documents/{id}", new { content = Content + worker, baseVersion = held[worker] }, stop);
            held[worker] = await VersionAfterAsync(response, held[worker], stop);
            return Status(response);
        });
        return Row($"saves, 1 document, {ContendedWriters} writers, {Label(synchronous)}", result, "200");
    }

    private Task<ServerProcess> StartAppAsync(string databasePath, string synchronous) =>
        ServerProcess.StartAsync(AppExecutable, [], new Dictionary<string, string>(QuietEnvironment())
        {
            ["ConnectionStrings__CollabEdit"] = $"Data Source={databasePath}",
            ["CollabEdit__Storage__Synchronous"] = synchronous,
            ["CollabEdit__SeedWelcomeDocument"] = "false",
            // The load client is anonymous (open mode), and one address: the load test measures the store and the
            // HTTP path, not the per-client rate limiter (whose buckets are still taken from on every request).
            ["CollabEdit__Access__Mode"] = "Open",
            ["CollabEdit__RateLimiting__Writes__TokenLimit"] = "100000000",
            ["CollabEdit__RateLimiting__Writes__TokensPerPeriod"] = "100000000",
            ["CollabEdit__RateLimiting__WriteAttempts__TokenLimit"] = "100000000",
            ["CollabEdit__RateLimiting__WriteAttempts__TokensPerPeriod"] = "100000000",
            ["CollabEdit__RateLimiting__Reads__TokenLimit"] = "100000000",
            ["CollabEdit__RateLimiting__Reads__TokensPerPeriod"] = "100000000",
        });

    private static Dictionary<string, string> QuietEnvironment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    private HttpClient NewClient(Uri address, bool useCookies = true) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = useCookies }) { BaseAddress = address };

    private static async Task<string> ConditionalGetAsync(HttpClient client, string path, string etag, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using var response = await client.SendAsync(request, stop);
        return Status(response);
    }

    private static async Task<(Guid Id, string ETag)> CreateAsync(HttpClient client, string title)
    {
        using var response = await client.PostAsJsonAsync("/api/documents", new { title, content = Content });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, response.Headers.ETag!.ToString());
    }

    /// <summary>The version a writer holds after a save: the new one on 200, the current one reported by a 409.</summary>
    private static async Task<int> VersionAfterAsync(HttpResponseMessage response, int held, CancellationToken stop) => response.StatusCode switch
    {
        HttpStatusCode.OK => (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("version").GetInt32(),
        HttpStatusCode.Conflict => (await response.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("currentVersion").GetInt32(),
        _ => held,
    };

    /// <summary>The body the app sends for the read target, so that both servers send the same bytes.</summary>
    private static string SameBytesAsTheApp() => JsonSerializer.Serialize(
        new
        {
            id = Guid.NewGuid(), slug = "read-target", title = "read target", version = 1, content = Content,
            createdAt = DateTime.UtcNow, updatedAt = DateTime.UtcNow, updatedBy = "anonymous", state = "active", size = Encoding.UTF8.GetByteCount(Content),
        },
        JsonSerializerOptions.Web);

    private static string Status(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

    private static string[] Row(string name, LoadResult result, string success)
    {
        var others = result.Outcomes.Where(kv => kv.Key != success).Select(kv => $"{kv.Key}: {Rate(kv.Value / result.Elapsed.TotalSeconds)}/s");
        return
        [
            name, Rate(result.PerSecond(success)), Ms(result.P50Ms), Ms(result.P99Ms),
            Rate(result.ServerCpuMicrosecondsPerOperation), Rate(result.ClientCpuMicrosecondsPerOperation),
            result.MachineBusy.ToString("P0", CultureInfo.InvariantCulture), string.Join(", ", others),
        ];
    }

    /// <summary>A SQLite durability setting ("FULL") or a free label for a target ("2 servers via nginx").</summary>
    private static string Label(string setting) => setting.All(char.IsUpper) ? $"sync={setting}" : setting;

    private static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(double ms) => ms.ToString("0.00", CultureInfo.InvariantCulture);
}
