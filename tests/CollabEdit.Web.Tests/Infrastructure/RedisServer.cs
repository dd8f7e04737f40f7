using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>
/// A real Redis server from Debian's package, started once per test run on a free loopback port with no
/// persistence, and stopped by its pid when the test process ends.
/// </summary>
public sealed class RedisServer
{
    private static readonly Lazy<RedisServer> Shared = new(Start);

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static RedisServer Instance => Shared.Value;

    private static RedisServer Start()
    {
        var port = FreePort.Next();
        // Through a shell that holds a pipe from this process: when the test process ends, however it ends (the test
        // host may be killed before exit handlers run), the pipe closes and the shell stops the server.
        var start = new ProcessStartInfo("sh", ["-c", $"redis-server --port {port} --bind 127.0.0.1 --save '' --appendonly no >/dev/null & server=$!; cat >/dev/null; kill $server"])
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server: apt-get install redis-server (the test script does).");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.StandardInput.Close();

        // Ready when it accepts connections.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return new RedisServer(port);
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not accept connections on port {port}.");
    }

}
