using System.Globalization;

namespace CollabEdit.Live.Bench;

/// <summary>A process's CPU time (user + system) from /proc/PID/stat.</summary>
public static class ProcessCpu
{
    /// <summary>Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // The command name in parentheses may hold spaces: the fields are counted from after it.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
