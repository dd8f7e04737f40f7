using System.Globalization;

namespace CollabEdit.Bench;

/// <summary>
/// How much CPU a .NET process's tiered-compilation thread has used (Linux: /proc/&lt;pid&gt;/task/*/stat). While that
/// thread is busy, the process is still replacing quick code with optimised code, and a measurement then weighs the JIT
/// as much as the app: the web app, with far more code on its request path than the bare endpoint, took well over
/// 5 s of load to settle on this 2-core machine when other work shared it, and measured up to 3x its settled CPU per request.
/// </summary>
internal static class TieredCompilation
{
    // The kernel keeps the first 15 characters of a thread's name: ".NET Tiered Compilation Worker".
    private const string ThreadName = ".NET Tiered Com";

    /// <summary>
    /// CPU time the tiered-compilation threads have used so far, and whether one of them is running or waiting for a
    /// core right now (a starved JIT thread uses no CPU, and would look idle by its CPU time alone).
    /// </summary>
    public static (TimeSpan CpuTime, bool Runnable) Read(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return (TimeSpan.Zero, false);
        }

        var ticks = 0L;
        var runnable = false;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != ThreadName)
                {
                    continue;
                }

                // stat: pid (comm) state … utime stime: the 14th and 15th fields, counted after the ')' that ends comm.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                runnable |= fields[0] is "R" or "D";
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading: it compiles nothing more.
            }
        }

        // Clock ticks are 1/100 s on Linux (USER_HZ).
        return (TimeSpan.FromSeconds(ticks / 100.0), runnable);
    }
}
