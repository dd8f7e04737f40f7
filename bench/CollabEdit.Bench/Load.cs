using System.Diagnostics;

namespace CollabEdit.Bench;

/// <summary>What one timed run measured: operations by outcome, and latency percentiles of all operations.</summary>
/// <remarks>CPU is what each process spent during the measured run, per operation: the machine's cores are shared by both.</remarks>
internal sealed record LoadResult(TimeSpan Elapsed, IReadOnlyDictionary<string, long> Outcomes, double P50Ms, double P99Ms, TimeSpan ServerCpu, TimeSpan ClientCpu, double MachineBusy)
{
    public long Operations => Outcomes.Values.Sum();

    public double ServerCpuMicrosecondsPerOperation => ServerCpu.TotalMicroseconds / Math.Max(1, Operations);

    public double ClientCpuMicrosecondsPerOperation => ClientCpu.TotalMicroseconds / Math.Max(1, Operations);

    public double PerSecond(string outcome) => Outcomes.GetValueOrDefault(outcome) / Elapsed.TotalSeconds;

}

internal static class Load
{
    /// <summary>
    /// Runs <paramref name="workers"/> loops for <paramref name="duration"/> after a warm-up; each loop
    /// iteration is one operation that names its outcome ("ok", "409"…).
    /// </summary>
    public static async Task<LoadResult> RunAsync(IServerUnderLoad server, int workers, TimeSpan warmUp, TimeSpan duration, Func<int, CancellationToken, Task<string>> operation)
    {
        using (var warm = new CancellationTokenSource())
        {
            var loops = Task.WhenAll(Enumerable.Range(0, workers).Select(w => LoopAsync(w, operation, null, warm.Token)));
            await Task.Delay(warmUp);
            var settled = await UntilJitIdleAsync(server);
            warm.Cancel();
            await loops;
            Console.WriteLine($"  warm-up {warmUp.TotalSeconds + settled.TotalSeconds:0} s (the last {settled.TotalSeconds:0} s until the server's JIT had been idle for {QuietSeconds} s)");
        }

        var recorders = Enumerable.Range(0, workers).Select(_ => new Recorder()).ToArray();
        using var client = Process.GetCurrentProcess();
        var serverCpuBefore = server.CpuTime;
        var clientCpuBefore = client.TotalProcessorTime;
        var machineBefore = MachineCpu.Read();
        using var measured = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => LoopAsync(w, operation, recorders[w], measured.Token)));
        clock.Stop();
        client.Refresh();
        var serverCpu = server.CpuTime - serverCpuBefore;
        var clientCpu = client.TotalProcessorTime - clientCpuBefore;
        var machineBusy = MachineCpu.BusySince(machineBefore);

        var latencies = recorders.SelectMany(r => r.LatenciesMs).Order().ToArray();
        var outcomes = recorders.SelectMany(r => r.Outcomes).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        return new LoadResult(clock.Elapsed, outcomes, Percentile(latencies, 0.50), Percentile(latencies, 0.99), serverCpu, clientCpu, machineBusy);
    }

    /// <summary>
    /// Keeps the warm-up going (at most <see cref="MaxJitWait"/> more) until the server's tiered compilation has been
    /// quiet for <see cref="QuietSeconds"/> seconds in a row, so that the run measures the app's optimised code rather
    /// than the JIT making it. Quiet: its thread used at most <see cref="JitIdle"/> in the second and is not running
    /// or waiting for a core at its end (on a busy machine a starved JIT uses no CPU and is not done).
    /// </summary>
    private static async Task<TimeSpan> UntilJitIdleAsync(IServerUnderLoad server)
    {
        var waited = Stopwatch.StartNew();
        var before = server.Jit.CpuTime;
        var quiet = 0;
        while (quiet < QuietSeconds && waited.Elapsed < MaxJitWait)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var (now, runnable) = server.Jit;
            var used = now - before;
            // A JIT thread that ended and started again counts from zero: not quiet.
            quiet = used >= TimeSpan.Zero && used <= JitIdle && !runnable ? quiet + 1 : 0;
            before = now;
        }

        return waited.Elapsed;
    }

    private const int QuietSeconds = 3;

    private static readonly TimeSpan MaxJitWait = TimeSpan.FromSeconds(90);

    // 1% of a core over a second: a method or two, not a code base still being optimised.
    private static readonly TimeSpan JitIdle = TimeSpan.FromMilliseconds(10);

    private static async Task LoopAsync(int worker, Func<int, CancellationToken, Task<string>> operation, Recorder? recorder, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            string outcome;
            // An operation in flight is let finish: cancelling a save would leave the server having made a version the
            // client never heard of, and the client's next save would meet a 409 of its own making.
            outcome = await operation(worker, CancellationToken.None);

            recorder?.Record(outcome, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Recorder
    {
        public List<double> LatenciesMs { get; } = new(1 << 16);
        public Dictionary<string, long> Outcomes { get; } = [];

        public void Record(string outcome, double ms)
        {
            LatenciesMs.Add(ms);
            Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
        }
    }
}
