using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace CollabEdit.E2E;

/// <summary>
/// The web app as a real process: its own executable on a loopback port, a SQLite file in a folder of its own,
/// Production settings. It can be killed (SIGKILL, as a crash) and started again on the same port and file.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("collabedit-e2e-");
    private readonly Dictionary<string, string> _settings;
    private readonly int _port = FreePort();
    private readonly string? _published;
    private Process? _process;

    /// <param name="settings">Environment variables over the defaults below.</param>
    /// <param name="limitsAtDefaults">Keep every rate limit at the app's own default (as people meet it), instead of out of the way.</param>
    /// <param name="published">A publish output to run (<c>dotnet folder/CollabEdit.Web.dll</c>, as a service manager does) instead of the build output.</param>
    public AppServer(IReadOnlyDictionary<string, string>? settings = null, bool limitsAtDefaults = false, string? published = null)
    {
        _published = published;
        _settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__CollabEdit"] = $"Data Source={Path.Combine(_data.FullName, "e2e.db")}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Most browser tests are about editing and name people with the name prompt (open mode); the secure
            // default has its own tests (AccountTests), which set CollabEdit__Access__Mode=Secure.
            ["CollabEdit__Access__Mode"] = "Open",
            ["CollabEdit__RateLimiting__Writes__TokenLimit"] = "100000",
            ["CollabEdit__RateLimiting__Writes__TokensPerPeriod"] = "100000",
            ["CollabEdit__RateLimiting__WriteAttempts__TokenLimit"] = "100000",
            ["CollabEdit__RateLimiting__WriteAttempts__TokensPerPeriod"] = "100000",
            ["CollabEdit__RateLimiting__Reads__TokenLimit"] = "100000",
            ["CollabEdit__RateLimiting__Reads__TokensPerPeriod"] = "100000",
            ["CollabEdit__RateLimiting__Hub__TokenLimit"] = "100000",
            ["CollabEdit__RateLimiting__Hub__TokensPerPeriod"] = "100000",
            ["CollabEdit__RateLimiting__SignIn__TokenLimit"] = "100000",
            ["CollabEdit__RateLimiting__SignIn__TokensPerPeriod"] = "100000",
            // A browser that stops answering is given up on after 10 s instead of a minute, so fault tests run fast.
            ["CollabEdit__Circuit__JSInteropDefaultCallTimeout"] = "00:00:10",
        };
        if (limitsAtDefaults)
        {
            foreach (var key in _settings.Keys.Where(k => k.StartsWith("CollabEdit__RateLimiting__", StringComparison.Ordinal)).ToList())
            {
                _settings.Remove(key);
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }

        Address = new Uri($"http://127.0.0.1:{_port}");
    }

    public Uri Address { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The working directory the app is started in: a folder of its own, never the app's.</summary>
    public string WorkingDirectory => _data.FullName;

    /// <summary>The running process's id (for reading its memory).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>Everything the app wrote to its standard output and error, for diagnosing a failure.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Output { get; } = new();

    public async Task StartAsync()
    {
        var configuration = typeof(AppServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var executable = _published is null ? Path.Combine(RepositoryRoot.Path, "src", "CollabEdit.Web", "bin", configuration, "net10.0", "CollabEdit.Web") : "dotnet";
        string[] arguments = _published is null ? ["--urls", Address.ToString()] : [Path.Combine(_published, "CollabEdit.Web.dll"), "--urls", Address.ToString()];
        var start = new ProcessStartInfo(executable, arguments)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _data.FullName,
        };
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForHealthAsync();
    }

    /// <summary>SIGKILL: no shutdown, as in a crash or a pulled plug.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            _data.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is not null && Output.Count < 5000)
        {
            Output.Enqueue(line);
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before answering:\n{string.Join('\n', Output.TakeLast(40))}");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not answer /health within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
