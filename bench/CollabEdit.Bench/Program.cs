// Load program for the documents API, over real HTTP on loopback. See README "Benchmarks".
//   ./bench/run.sh [--seconds 10] [--connections 16] [--only get,distinct,contended,raw,bare] [--synchronous FULL,NORMAL]
//   … --target URL --server-pids 1,2 --label "2 servers" [--warmup 20]: against servers already running (bench/cluster.sh)
// It builds nothing itself: bench/run.sh builds in Release first.
using System.Globalization;
using CollabEdit.Bench;

var options = BenchOptions.Parse(args);
var root = FindRepositoryRoot();
var work = Directory.CreateTempSubdirectory("collabedit-bench-");
var scenarios = new Scenarios(options, root, work.FullName);

Console.WriteLine($"CollabEdit load test: {options.Seconds} s per run after {options.WarmUp.TotalSeconds:0} s warm-up (longer until the server's JIT is idle), {options.Connections} connections");
Console.WriteLine($"Machine: {MachineName()}");
Console.WriteLine();

var rows = new List<string[]>();
if (options.Target is { } target)
{
    // Servers someone else started (bench/cluster.sh): server CPU is that of the given pids.
    rows.AddRange(await scenarios.RunTargetAsync(new RunningServers(target, options.ServerPids), options.Label));
}
else
{
    foreach (var synchronous in options.Durabilities)
    {
        rows.AddRange(await scenarios.RunAppAsync(synchronous));
    }

    if (options.Runs("bare"))
    {
        rows.Add(await scenarios.RunBareAsync());
    }
}

Console.WriteLine("| run | per second | p50 ms | p99 ms | server CPU µs/op | client CPU µs/op | machine CPU busy | other outcomes |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|");
foreach (var row in rows)
{
    Console.WriteLine($"| {string.Join(" | ", row)} |");
}

work.Delete(recursive: true);
return 0;

static string FindRepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "CollabEdit.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the CollabEdit repository.");
}

static string MachineName()
{
    var cpu = File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        : null;
    return string.Create(CultureInfo.InvariantCulture, $"{cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {Environment.OSVersion}, load client on .NET {Environment.Version}");
}

internal sealed record BenchOptions(int Seconds, int Connections, string[] Only, string[] Durabilities, Uri? Target, int[] ServerPids, string Label, int? WarmUpSeconds)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);

    // Long enough for tiered JIT to reach its optimised code: shorter warm-ups measured the JIT, not the app.
    // Servers just started (bench/cluster.sh) need longer: --warmup.
    public TimeSpan WarmUp => TimeSpan.FromSeconds(WarmUpSeconds ?? Math.Max(5, Seconds / 2));

    public bool Runs(string scenario) => Only.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        string? Option(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        return new BenchOptions(
            int.Parse(Option("--seconds") ?? "10", CultureInfo.InvariantCulture),
            int.Parse(Option("--connections") ?? "16", CultureInfo.InvariantCulture),
            Option("--only")?.Split(',') ?? ["get", "distinct", "contended", "raw", "bare"],
            Option("--synchronous")?.Split(',') ?? ["FULL", "NORMAL"],
            Option("--target") is { } target ? new Uri(target) : null,
            Option("--server-pids")?.Split(',').Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToArray() ?? [],
            Option("--label") ?? "target",
            Option("--warmup") is { } warmUp ? int.Parse(warmUp, CultureInfo.InvariantCulture) : null);
    }
}
