using System.Diagnostics;
using System.Globalization;

namespace CollabEdit.Bench;

/// <summary>What a load run drives: an address, and the CPU time its processes have used so far.</summary>
internal interface IServerUnderLoad
{
    Uri Address { get; }

    TimeSpan CpuTime { get; }

    /// <summary>The servers' tiered-compilation threads: CPU used so far, and whether one runs now (see <see cref="TieredCompilation"/>).</summary>
    (TimeSpan CpuTime, bool Runnable) Jit { get; }
}

/// <summary>Servers started by someone else (scripts/cluster.sh): their CPU is summed over the given pids.</summary>
internal sealed class RunningServers(Uri address, IReadOnlyList<int> pids) : IServerUnderLoad
{
    public Uri Address => address;

    public TimeSpan CpuTime => pids.Aggregate(TimeSpan.Zero, (sum, pid) =>
    {
        using var process = Process.GetProcessById(pid);
        return sum + process.TotalProcessorTime;
    });

    public (TimeSpan CpuTime, bool Runnable) Jit => pids.Select(TieredCompilation.Read)
        .Aggregate((TimeSpan.Zero, false), (sum, jit) => (sum.Item1 + jit.CpuTime, sum.Item2 || jit.Runnable));
}

/// <summary>The whole machine's CPU from /proc/stat: how busy all cores were, whoever used them.</summary>
internal static class MachineCpu
{
    public static (long Busy, long Total) Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        // cpu  user nice system idle iowait irq softirq steal …
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4];
        var total = fields.Take(8).Sum();
        return (total - idle, total);
    }

    public static double BusySince((long Busy, long Total) before)
    {
        var now = Read();
        return now.Total == before.Total ? double.NaN : (double)(now.Busy - before.Busy) / (now.Total - before.Total);
    }
}
