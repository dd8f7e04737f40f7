using System.Diagnostics;
using Npgsql;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server from Debian's package, started once per test run on a free loopback port in a
/// temporary folder (as the postgres user when the tests run as root), and stopped by its own pg_ctl when the test
/// process ends. Each test class gets a database of its own (<see cref="CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _binaries;
    private readonly string _folder;

    private PostgresServer(string binaries, string folder, int port)
    {
        _binaries = binaries;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    /// <summary>Whether this machine has PostgreSQL's server binaries (CI installs Debian's package).</summary>
    public static bool IsInstalled => FindBinaries() is not null;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40;Timeout=30;Command Timeout=60";

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (the test script does).");
        var folder = Directory.CreateTempSubdirectory("collabedit-pg-").FullName;
        var port = FreePort.Next();
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres", folder);
        }

        await RunAsPostgresAsync(Path.Combine(binaries, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        await RunAsPostgresAsync(Path.Combine(binaries, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start");
        var server = new PostgresServer(binaries, folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    private void Stop()
    {
        try
        {
            RunAsPostgresAsync(Path.Combine(_binaries, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // The test run is over either way; a leftover temp folder is the OS's to clean.
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;


    private static Task RunAsPostgresAsync(string program, params string[] args) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await errors}");
        }
    }
}
