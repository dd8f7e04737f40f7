using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.E2E;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Live.Bench;

/// <summary>
/// (c): N typists on one 1 MB document, each a hub connection sending one change a second (a few characters inserted
/// in its own stretch of the text) through <c>DocumentHub.SaveChanges</c>, based on the newest version it knows (told
/// by VersionBumped, or its own save's answer); optionally viewers that only follow. A change has arrived at another
/// client when that client is told of a version holding it (its own version or any later one: every later version is
/// rebased on top of it).
/// </summary>
public static class SimulatedTypists
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(AppServer server, int[] typistCounts, int viewers, TimeSpan duration)
    {
        // ASCII, so that a change at any offset splits no character (a surrogate pair) of the text.
        var text = new string([.. RealText.OfSize(1_000_000).Select(c => c < 128 ? c : '?')]);
        // Each row is printed as soon as it is measured: a run that saturates the server still leaves the ones before it.
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(c) Simulated typists on one 1 MB document, one change a second each through DocumentHub.SaveChanges, {duration.TotalSeconds:F0} s measured after {WarmUp.TotalSeconds:F0} s of warm-up"));
        Console.WriteLine();
        Console.WriteLine("| typists | viewers | changes sent | saved | rebased | with conflicts | refused | save round trip p95 | arrival at the others p50 | p95 | p99 | max | never arrived | server CPU per change | server CPU |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var typists in typistCounts)
        {
            Console.WriteLine(await RunOnceAsync(server, text, typists, viewers: 0, duration));
        }

        if (viewers > 0)
        {
            Console.WriteLine(await RunOnceAsync(server, text, typists: 10, viewers, duration));
        }
    }

    private static async Task<string> RunOnceAsync(AppServer server, string text, int typists, int viewers, TimeSpan duration)
    {
        using var api = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromMinutes(2) };
        using var created = await api.PostAsJsonAsync("/api/documents", new { title = $"Load {typists} typists {viewers} viewers", content = text });
        created.EnsureSuccessStatusCode();
        var document = await created.Content.ReadFromJsonAsync<JsonElement>();
        var documentId = Guid.Parse(document.GetProperty("id").GetString()!);
        var version = document.GetProperty("version").GetInt32();
        var lengths = new ConcurrentDictionary<int, int> { [version] = text.Length };

        var clients = new List<SimulatedClient>();
        using (var gate = new SemaphoreSlim(50))
        {
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, typists + viewers).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    return await SimulatedClient.ConnectAsync(server.Address, i < typists ? $"typist{i}" : $"viewer{i}", i, documentId, version, lengths);
                }
                finally
                {
                    gate.Release();
                }
            })));
        }

        var sends = new ConcurrentDictionary<int, (int Client, long SentAt)>();
        var roundTrips = new ConcurrentBag<double>();
        var counts = new Counts();
        var measuredFrom = Stopwatch.GetTimestamp() + (long)(WarmUp.TotalSeconds * Stopwatch.Frequency);
        using var stop = new CancellationTokenSource(WarmUp + duration);
        var cpuAtStart = TimeSpan.Zero;
        var cpuClock = Task.Run(async () =>
        {
            await Task.Delay(WarmUp);
            cpuAtStart = ProcessCpu.Of(server.ProcessId);
        });
        await Task.WhenAll(clients.Take(typists).Select(client => TypeAsync(client, typists, documentId, lengths, sends, roundTrips, counts, measuredFrom, stop.Token)));
        var cpu = ProcessCpu.Of(server.ProcessId) - cpuAtStart;
        await cpuClock;

        // Announcements still on their way arrive.
        await Task.Delay(3_000);
        var (arrivals, neverArrived) = Arrivals(clients, sends, measuredFrom);
        var measuredChanges = sends.Values.Count(s => s.SentAt >= measuredFrom);
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));

        var cpuPerChange = measuredChanges == 0 ? double.NaN : cpu.TotalMilliseconds / measuredChanges;
        return string.Create(CultureInfo.InvariantCulture,
            $"| {typists} | {viewers} | {counts.Sent} | {counts.Saved} | {counts.Rebased} | {counts.Conflicted} | {counts.Refused}{(counts.LastRefusal is { } why ? $" ({why})" : "")} | {Stats.Ms(Stats.Percentile(roundTrips, 95))} | " +
            $"{Stats.Ms(Stats.Percentile(arrivals, 50))} | {Stats.Ms(Stats.Percentile(arrivals, 95))} | {Stats.Ms(Stats.Percentile(arrivals, 99))} | {Stats.Ms(arrivals.DefaultIfEmpty(double.NaN).Max())} | {neverArrived} | " +
            $"{cpuPerChange:F1} ms | {cpu.TotalSeconds / duration.TotalSeconds * 100:F0} % of a core |");
    }

    /// <summary>One typist: a change a second, its first at a moment of its own within the first second (spread evenly).</summary>
    private static async Task TypeAsync(
        SimulatedClient client, int typists, Guid documentId, ConcurrentDictionary<int, int> lengths,
        ConcurrentDictionary<int, (int Client, long SentAt)> sends, ConcurrentBag<double> roundTrips, Counts counts, long measuredFrom, CancellationToken stop)
    {
        var next = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * client.Index / typists);
        for (var n = 0; ; n++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, stop);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            next += Stopwatch.Frequency;
            var (baseVersion, length) = Newest(client.Latest, lengths);
            var token = string.Create(CultureInfo.InvariantCulture, $" t{client.Index}c{n}");

            // Its own stretch of the text: typists are spread evenly over it, and stay apart as it grows.
            var at = Math.Clamp((int)((client.Index + 0.5) * length / typists), 1, length - 1);
            using var changes = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $"[{at},[0,\"{token}\"],{length - at}]"));
            var sentAt = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref counts.Sent);
            try
            {
                var result = await client.Connection.InvokeAsync<JsonElement>("SaveChanges", documentId, baseVersion, changes.RootElement, null, CancellationToken.None);
                roundTrips.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
                var saved = result.GetProperty("version").GetInt32();
                var toSaved = result.TryGetProperty("toSaved", out var rebased) && rebased.ValueKind == JsonValueKind.Array ? rebased : (JsonElement?)null;
                if (result.GetProperty("changed").GetBoolean())
                {
                    Interlocked.Increment(ref counts.Saved);
                    sends[saved] = (client.Index, sentAt);
                    lengths.TryAdd(saved, toSaved is { } map ? ChangeSetLength.After(map) : length + token.Length);
                }

                if (toSaved is not null)
                {
                    Interlocked.Increment(ref counts.Rebased);
                }

                if (result.TryGetProperty("conflicts", out var conflicts) && conflicts.GetArrayLength() > 0)
                {
                    Interlocked.Increment(ref counts.Conflicted);
                }

                client.Saw(saved);
            }
            catch (HubException exception)
            {
                Interlocked.Increment(ref counts.Refused);
                counts.LastRefusal = exception.Message;
            }
        }
    }

    /// <summary>The newest version at or below <paramref name="latest"/> whose length is known (an announcement without changes leaves a gap).</summary>
    private static (int Version, int Length) Newest(int latest, ConcurrentDictionary<int, int> lengths)
    {
        for (var version = latest; version > 0; version--)
        {
            if (lengths.TryGetValue(version, out var length))
            {
                return (version, length);
            }
        }

        throw new InvalidOperationException("No version of known length.");
    }

    /// <summary>For each change sent after the warm-up and each other client: from its send to the first announcement there of a version holding it.</summary>
    private static (List<double> Arrivals, int NeverArrived) Arrivals(List<SimulatedClient> clients, ConcurrentDictionary<int, (int Client, long SentAt)> sends, long measuredFrom)
    {
        var arrivals = new List<double>();
        var never = 0;
        foreach (var client in clients)
        {
            // The first moment this client knew of version v or a later one: the earliest receipt at or above v.
            var receipts = client.Receipts.OrderByDescending(r => r.Key).ToList();
            var firstAtOrAbove = new SortedList<int, long>();
            var earliest = long.MaxValue;
            foreach (var (version, at) in receipts)
            {
                earliest = Math.Min(earliest, at);
                firstAtOrAbove[version] = earliest;
            }

            foreach (var (version, (sender, sentAt)) in sends)
            {
                if (sender == client.Index || sentAt < measuredFrom)
                {
                    continue;
                }

                var index = LowerBound(firstAtOrAbove.Keys, version);
                if (index < firstAtOrAbove.Count)
                {
                    arrivals.Add(Stopwatch.GetElapsedTime(sentAt, firstAtOrAbove.Values[index]).TotalMilliseconds);
                }
                else
                {
                    never++;
                }
            }
        }

        return (arrivals, never);
    }

    private static int LowerBound(IList<int> sorted, int value)
    {
        var (low, high) = (0, sorted.Count);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>What the typists of one run counted.</summary>
    private sealed class Counts
    {
        public int Sent;
        public int Saved;
        public int Rebased;
        public int Conflicted;
        public int Refused;
        public string? LastRefusal;
    }
}
