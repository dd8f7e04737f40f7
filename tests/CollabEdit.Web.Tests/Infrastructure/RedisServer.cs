using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>
/// A real Redis server from Debian's package, started once per test run on a free loopback port with no
/// persistence, and stopped by its pid when the test process ends.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private static readonly Lazy<RedisServer> Shared = new(() => Start(FreePort.Next()));

    private readonly Process _process;

    private RedisServer(int port, Process process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>The test run's Redis, shared by the tests that need one.</summary>
    public static RedisServer Instance => Shared.Value;

    /// <summary>A Redis of the caller's own on a given port (a test of Redis coming up late); disposing it stops it.</summary>
    public static RedisServer Start(int port)
    {
        // Through a shell that holds a pipe from this process: when the test process ends, however it ends (the test
        // host may be killed before exit handlers run), the pipe closes and the shell stops the server.
        var start = new ProcessStartInfo("sh", ["-c", $"redis-server --port {port} --bind 127.0.0.1 --save '' --appendonly no >/dev/null & server=$!; cat >/dev/null; kill $server"])
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server: apt-get install redis-server (the test script does).");
        var input = process.StandardInput;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => input.Close();

        // Ready when it accepts connections.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new RedisServer(port, process);
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not accept connections on port {port}.");
    }

    public void Dispose()
    {
        _process.StandardInput.Close();
        _process.WaitForExit(5_000);
        _process.Dispose();
    }
}
