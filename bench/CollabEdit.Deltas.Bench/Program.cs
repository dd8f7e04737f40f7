// Issue 18's benchmarks, through the documented HTTP API of the app as its own process (Release build, SQLite file,
// open mode, rate limits out of the way). See README "Benchmarks: versions that cost what changed".
//   bench/deltas.sh [--only storage,read,save,throughput,wire] [--read-versions 1000] [--reads 200] [--saves 20]
//                   [--seconds 10] [--quick] [--postgres] [--output FILE]
// --quick: 100 versions for the reads, 10 saves, 5 s of throughput (a check that it works; the storage inputs are the same).
// --postgres: the app on a PostgreSQL server the bench starts itself (as the API tests do; fsync off, so its times are
// not a disk's): storage is then the Revisions table's size, TOAST and indexes included.
// Where this build has no PATCH (the code before issue 18), PATCH columns say so and versions are made by PUT.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CollabEdit.Deltas.Bench;
using CollabEdit.E2E;

var options = Options.Parse(args);
var started = Stopwatch.StartNew();
await DiffCheck.RunAsync(RealText.OfSize(20_000));
var settings = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
string? postgres = null;
if (options.Postgres)
{
    postgres = await (await CollabEdit.Web.Tests.Infrastructure.PostgresServer.InstanceAsync()).CreateDatabaseAsync();
    settings["CollabEdit__Storage__Provider"] = "Postgres";
    settings["ConnectionStrings__CollabEdit"] = postgres;
}

await using var server = new AppServer(settings);
await server.StartAsync();
var database = Path.Combine(server.WorkingDirectory, "e2e.db");
Func<Task<SqliteFile.Usage>> measure = postgres is null ? () => SqliteFile.MeasureAsync(database) : () => PostgresTables.MeasureAsync(postgres);
using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Author", "Bench");
var api = new DocumentsApi(http);
var output = new StringBuilder();

Say($"# Versions that cost what changed: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, commit {Commit()}");
Say($"Machine: {Machine()}; load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; storage: {(postgres is null ? "SQLite file" : "PostgreSQL (fsync off)")}.");
Say("");

if (options.Runs("storage"))
{
    Say("## Storage per version against git's packed size (same versions)");
    Say("");
    Say($"| input | versions | their text | {(postgres is null ? "SQLite file growth" : "Revisions table growth (TOAST, indexes)")} | stored sizes | git packed (gc --aggressive) | app / git | stored / git |");
    Say("|---|---:|---:|---:|---:|---:|---:|---:|");
    var inputs = new (string Name, Func<IReadOnlyList<StoredDocument>> Documents)[]
    {
        ("random line edits of 1 MB of Markdown", () => [Sequence("handbook.md", RealText.OfSize(1_000_000), 100, Edits.Line, seed: 1)]),
        ("prose paragraph edits of 1 MB", () => [Sequence("prose.md", ProseText(1_000_000), 100, Edits.Prose, seed: 2)]),
        ("real history: 443 merge cases, base → ours → resolved", MergeCases),
    };
    foreach (var (name, make) in inputs)
    {
        var documents = make();
        var before = await measure();
        foreach (var document in documents)
        {
            var saved = await api.CreateAsync(Title(document.Path), document.Versions[0]);
            for (var i = 1; i < document.Versions.Count; i++)
            {
                if (document.Versions[i] != document.Versions[i - 1])
                {
                    saved = await api.PutAsync(saved, document.Versions[i]);
                }
            }
        }

        var grown = await measure() - before;
        var git = await GitPack.PackedBytesAsync(documents);
        Say($"| {name} | {grown.Revisions:N0} | {Bytes(grown.TextBytes)} | {Bytes(grown.FileBytes)} | {(grown.StoredBytes is { } stored ? Bytes(stored) : "n/a (full texts)")} | {Bytes(git)} "
            + $"| **{Ratio(grown.FileBytes, git)}** | {(grown.StoredBytes is { } s ? Ratio(s, git) : "")} |");
    }

    Say("");
}

// One 5 MB document (real Markdown) with many versions: the reads, then the save round trips on it.
var big = RealText.OfSize((5 * 1024 * 1024) - (64 * 1024));
var random = new Random(3);
if (options.Runs("read") || options.Runs("save"))
{
    var versions = options.Runs("read") ? options.ReadVersions : 1;
    var saved = await api.CreateAsync("Five megabytes", big);
    var building = Stopwatch.StartNew();
    for (var v = 2; v <= versions; v++)
    {
        var next = Edits.TenCharacters(big, random.NextDouble(), v);
        saved = await api.PatchAsync(saved, big, next) ?? await api.PutAsync(saved, next);
        big = next;
    }

    building.Stop();
    if (options.Runs("read"))
    {
        for (var i = 0; i < 5; i++)
        {
            await api.ReadRevisionAsync(saved.Id, random.Next(1, versions + 1));
        }

        var reads = new List<double>();
        var heads = new List<double>();
        long bytes = 0;
        for (var i = 0; i < options.Reads; i++)
        {
            var (elapsed, length) = await api.ReadRevisionAsync(saved.Id, random.Next(1, versions + 1));
            reads.Add(elapsed.TotalMilliseconds);
            bytes += length;
            // The same size through GET of the document, interleaved: what moving 5 MB of JSON through the API costs
            // on this machine at that moment, whatever the storage does.
            heads.Add((await api.ReadRevisionAsync(saved.Id, null)).Elapsed.TotalMilliseconds);
        }

        Say($"## Reading any version of a {Bytes(Encoding.UTF8.GetByteCount(big))} document with {versions:N0} versions");
        Say("");
        Say("| GET …/revisions/{v}, random v | p50 | p95 | max | response | versions made by |");
        Say("|---|---:|---:|---:|---:|---|");
        Say($"| {options.Reads} reads, one client | {Ms(Percentile(reads, 50))} | **{Ms(Percentile(reads, 95))}** | {Ms(reads.Max())} | {Bytes(bytes / options.Reads)} "
            + $"| {(api.PatchSupported == true ? "PATCH" : "PUT")}, {versions - 1:N0} in {building.Elapsed.TotalSeconds:F1} s |");
        Say($"| reference: GET of the current version, same reads interleaved | {Ms(Percentile(heads, 50))} | {Ms(Percentile(heads, 95))} | {Ms(heads.Max())} | | |");
        Say("");
    }

    if (options.Runs("save"))
    {
        var put = new List<double>();
        for (var i = 0; i < options.Saves + 3; i++)
        {
            var next = Edits.TenCharacters(big, random.NextDouble(), 20_000 + i);
            var watch = Stopwatch.StartNew();
            saved = await api.PutAsync(saved, next, byBaseVersion: true);
            watch.Stop();
            big = next;
            if (i >= 3)
            {
                put.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var patch = new List<double>();
        for (var i = 0; i < options.Saves + 3 && api.PatchSupported != false; i++)
        {
            var next = Edits.TenCharacters(big, random.NextDouble(), 30_000 + i);

            // The diff is made before the clock starts: a script that knows its edit writes its hunk directly, and the
            // round trip is the server's and the network's (diffing two 5 MB texts here took 100-300 ms).
            var diff = UnifiedDiff.Of(big, next);
            var watch = Stopwatch.StartNew();
            var patched = await api.PatchAsync(saved, diff);
            watch.Stop();
            if (patched is null)
            {
                break;
            }

            (saved, big) = (patched, next);
            if (i >= 3)
            {
                patch.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        Say($"## Save round trip of a 10-character edit of a {Bytes(Encoding.UTF8.GetByteCount(big))} document ({saved.Version:N0} versions)");
        Say("");
        Say("| save | p50 | p95 | max |");
        Say("|---|---:|---:|---:|");
        Say($"| PUT, whole text, baseVersion ({put.Count} saves) | {Ms(Percentile(put, 50))} | **{Ms(Percentile(put, 95))}** | {Ms(put.Max())} |");
        Say(patch.Count > 0
            ? $"| PATCH, unified diff, If-Match ({patch.Count} saves) | {Ms(Percentile(patch, 50))} | **{Ms(Percentile(patch, 95))}** | {Ms(patch.Max())} |"
            : "| PATCH | n/a: no PATCH in this build | | |");
        Say("");
    }
}

if (options.Runs("throughput"))
{
    var text = RealText.OfSize(1_000_000);
    var saved = await api.CreateAsync("One megabyte", text);
    var serial = 40_000;
    var (puts, putSeconds) = await RepeatAsync(options.Seconds, async () =>
    {
        var next = Edits.TenCharacters(text, random.NextDouble(), serial++);
        saved = await api.PutAsync(saved, next);
        text = next;
        return true;
    });
    var (patches, patchSeconds) = await RepeatAsync(options.Seconds, async () =>
    {
        var next = Edits.TenCharacters(text, random.NextDouble(), serial++);
        if (await api.PatchAsync(saved, text, next) is not { } patched)
        {
            return false;
        }

        (saved, text) = (patched, next);
        return true;
    });
    Say("## Saves per second from one client, 1 MB document, same run");
    Say("");
    Say("| PUT, whole text | PATCH, unified diff | PATCH / PUT |");
    Say("|---:|---:|---:|");
    Say(patches > 0
        ? $"| {puts / putSeconds:F1}/s | {patches / patchSeconds:F1}/s | **{patches / patchSeconds / (puts / putSeconds):F1}×** |"
        : $"| {puts / putSeconds:F1}/s | n/a: no PATCH in this build | |");
    Say("");
}

if (options.Runs("wire"))
{
    Say("## Bytes on the wire for a 10-character edit through the API (HTTP/1.1, uncompressed, headers included)");
    Say("");
    Say("| document | PUT request | PUT response | PATCH request | PATCH response |");
    Say("|---|---:|---:|---:|---:|");
    foreach (var size in new[] { 1_000, 1_000_000, (5 * 1024 * 1024) - 4096 })
    {
        var text = RealText.OfSize(size);
        var saved = await api.CreateAsync($"Wire {size}", text);
        using var wire = new WireCounter(server.Address, "Bench");
        var counted = new DocumentsApi(wire.Client);
        var next = Edits.TenCharacters(text, 0.5, 1);
        saved = await counted.PutAsync(saved, next);
        var (putSent, putReceived) = wire.Take();
        var patched = await counted.PatchAsync(saved, next, Edits.TenCharacters(next, 0.5, 2));
        var (patchSent, patchReceived) = wire.Take();
        Say($"| {Bytes(Encoding.UTF8.GetByteCount(text))} | {Bytes(putSent)} | {Bytes(putReceived)} | "
            + (patched is null ? "n/a: no PATCH in this build | |" : $"{Bytes(patchSent)} | {Bytes(patchReceived)} |"));
    }

    Say("");
}

Say($"Whole run: {started.Elapsed.TotalMinutes:F1} min.");
if (options.Output is { } file)
{
    await File.WriteAllTextAsync(file, output.ToString());
}

return 0;

void Say(string line)
{
    Console.WriteLine(line);
    output.AppendLine(line);
}

static StoredDocument Sequence(string path, string text, int edits, Func<string, Random, string> edit, int seed)
{
    var random = new Random(seed);
    var versions = new List<string> { text };
    for (var i = 0; i < edits; i++)
    {
        versions.Add(edit(versions[^1], random));
    }

    return new StoredDocument(path, versions);
}

static IReadOnlyList<StoredDocument> MergeCases()
{
    var root = Path.Combine(RepositoryRoot.Path, "..", "shared", "merge-cases");
    var documents = new List<StoredDocument>();
    foreach (var set in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
    {
        foreach (var merge in Directory.GetDirectories(set).Order(StringComparer.Ordinal))
        {
            string Read(string name) => File.Exists(Path.Combine(merge, name)) ? File.ReadAllText(Path.Combine(merge, name)) : "";
            var resolved = File.Exists(Path.Combine(merge, "resolved")) ? Read("resolved") : Read("expected");
            documents.Add(new StoredDocument($"{Path.GetFileName(set)}/{Path.GetFileName(merge)}", [Read("base"), Read("ours"), resolved]));
        }
    }

    return documents;
}

static string ProseText(int utf8Bytes)
{
    var root = Path.Combine(RepositoryRoot.Path, "..", "shared", "merge-cases");
    var corpus = new StringBuilder();
    foreach (var set in new[] { "kubernetes-enhancements", "rustc-dev-guide" })
    {
        foreach (var merge in Directory.GetDirectories(Path.Combine(root, set)).Order(StringComparer.Ordinal))
        {
            corpus.Append(File.ReadAllText(Path.Combine(merge, "base")));
        }
    }

    var text = new StringBuilder();
    var bytes = 0;
    foreach (var line in corpus.ToString().Split('\n'))
    {
        var size = Encoding.UTF8.GetByteCount(line) + 1;
        if (bytes + size > utf8Bytes)
        {
            break;
        }

        text.Append(line).Append('\n');
        bytes += size;
    }

    return text.ToString();
}

static async Task<(int Count, double Seconds)> RepeatAsync(int seconds, Func<Task<bool>> save)
{
    var watch = Stopwatch.StartNew();
    var count = 0;
    while (watch.Elapsed.TotalSeconds < seconds && await save())
    {
        count++;
    }

    return (count, watch.Elapsed.TotalSeconds);
}

static string Title(string path) => path.Length <= 200 ? path : path[^200..];

static double Percentile(List<double> values, int percentile)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
}

static string Ms(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:F1} ms");

static string Ratio(long app, long git) => string.Create(CultureInfo.InvariantCulture, $"{(double)app / git:F1}×");

static string Bytes(long bytes) => bytes switch
{
    >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:F2} MB"),
    >= 10 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KB"),
    _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B"),
};

static string Commit()
{
    using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true })!;
    var commit = git.StandardOutput.ReadToEnd().Trim();
    git.WaitForExit();
    return commit;
}

static string Machine()
{
    var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();
    return $"{cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";
}
