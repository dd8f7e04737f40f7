using System.Globalization;
using CollabEdit.E2E;
using CollabEdit.Live.Bench;

// Issue 19's benchmarks of live editing, against the app as its own process (Release build, a fresh SQLite file):
//  (a) keystroke -> visible in another browser: two people typing steadily (80 ms a key) in different paragraphs,
//      in Debian's Chromium; each key's keydown in the typist's page to the moment the other page's editor holds it
//      (performance.timeOrigin-aligned clocks of the two pages): p50 / p95 / max, both directions;
//  (b) bytes per typist per second on the wire meanwhile (every WebSocket frame and HTTP body of each page, through the
//      DevTools protocol), against Etherpad's measured 3-3.5 kB/s per fast typist;
//  (c) simulated typists: N SignalR connections on one 1 MB document, each sending one change a second through
//      DocumentHub.SaveChanges on the last version it knows; p95 from a change's send to its arrival (the VersionBumped
//      of the version holding it) at the others, saves refused, rebased saves and retries (server metrics), server CPU
//      per change; and 1,000 viewers that only follow.
// The app is started with every rate limit and connection cap raised out of the way (one address drives it all):
// CollabEdit__RateLimiting__{Writes,WriteAttempts,Reads,Hub}__TokenLimit/TokensPerPeriod = 100000 (AppServer's test
// settings) and CollabEdit__Realtime__MaxConnectionsPerAddress / MaxViewersPerDocument = 100000.
// Usage: bench/live.sh [--only browser,load] [--seconds 30] [--sizes 10000,1000000] [--typists 10,50,100]
//                      [--viewers 1000] [--load-seconds 30]
var options = Arguments.Parse(args);
await using var server = new AppServer(new Dictionary<string, string>
{
    ["Logging__LogLevel__Default"] = "Warning",
    ["CollabEdit__SeedWelcomeDocument"] = "false",
    ["CollabEdit__Realtime__MaxConnectionsPerAddress"] = "100000",
    ["CollabEdit__Realtime__MaxViewersPerDocument"] = "100000",
    ["CollabEdit__Realtime__MaxHubConnectionsPerAccount"] = "100000",
});
await server.StartAsync();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; app pid {server.ProcessId} at {server.Address}"));

if (options.Only.Contains("browser"))
{
    await BrowserTyping.RunAsync(server, options.Sizes, TimeSpan.FromSeconds(options.Seconds));
}

if (options.Only.Contains("load"))
{
    await SimulatedTypists.RunAsync(server, options.Typists, options.Viewers, TimeSpan.FromSeconds(options.LoadSeconds));
}
