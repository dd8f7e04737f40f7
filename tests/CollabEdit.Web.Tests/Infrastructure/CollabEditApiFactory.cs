using System.Collections.Concurrent;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>
/// The real app, in process, over its real HTTP pipeline, on its own SQLite file (one per test class), or, when
/// the environment variable <c>COLLABEDIT_TEST_STORAGE=Postgres</c> is set (the test script's second pass), on a
/// database of its own on a real PostgreSQL server (<see cref="PostgresServer"/>).
/// Write rate limits and the per-account connection caps are raised so that tests measure the feature under test;
/// <see cref="Platform.RateLimitTests"/> and <see cref="Realtime.AccountCapsTests"/> lower them.
/// </summary>
public class CollabEditApiFactory : WebApplicationFactory<Program>
{
    /// <summary>The storage this test run uses.</summary>
    public static StorageProvider Storage { get; } =
        string.Equals(Environment.GetEnvironmentVariable("COLLABEDIT_TEST_STORAGE"), "Postgres", StringComparison.OrdinalIgnoreCase) ? StorageProvider.Postgres : StorageProvider.Sqlite;

    private readonly Lazy<string> _postgres = new(() => PostgresServer.InstanceAsync().GetAwaiter().GetResult().CreateDatabaseAsync().GetAwaiter().GetResult());

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "collabedit-tests", $"{Guid.NewGuid():N}", "collabedit.db");

    /// <summary>This app's database; a second server of a cluster test gives the first one's.</summary>
    public virtual string DatabaseConnectionString => Storage == StorageProvider.Postgres ? _postgres.Value : $"Data Source={DatabasePath}";

    public ConcurrentQueue<CapturedLog> Logs { get; } = new();

    /// <summary>
    /// The tests of document semantics (saves, merges, limits) predate accounts and sign their saves with X-Author,
    /// so they run in open mode; the access rules are tested in the secure default by <see cref="SecureApiFactory"/>.
    /// </summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["CollabEdit:Access:Mode"] = "Open",
        ["CollabEdit:RateLimiting:Writes:TokenLimit"] = "100000",
        ["CollabEdit:RateLimiting:Writes:TokensPerPeriod"] = "100000",
        ["CollabEdit:RateLimiting:WriteAttempts:TokenLimit"] = "100000",
        ["CollabEdit:RateLimiting:WriteAttempts:TokensPerPeriod"] = "100000",
        ["CollabEdit:RateLimiting:Reads:TokenLimit"] = "100000",
        ["CollabEdit:RateLimiting:Reads:TokensPerPeriod"] = "100000",
        ["CollabEdit:RateLimiting:Hub:TokenLimit"] = "100000",
        ["CollabEdit:RateLimiting:Hub:TokensPerPeriod"] = "100000",
        ["CollabEdit:RateLimiting:SignIn:TokenLimit"] = "100000",
        ["CollabEdit:RateLimiting:SignIn:TokensPerPeriod"] = "100000",
        ["CollabEdit:Realtime:MaxHubConnectionsPerAccount"] = "100000",
        ["CollabEdit:Realtime:MaxFollowersPerAccountPerDocument"] = "100000",
        ["CollabEdit:Realtime:MaxCircuitsPerAccount"] = "100000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Storage == StorageProvider.Postgres)
        {
            builder.UseSetting($"{StorageOptions.SectionName}:Provider", "Postgres");
        }

        builder.UseSetting($"ConnectionStrings:{StorageSetup.ConnectionStringName}", DatabaseConnectionString);

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs)));
    }

    /// <summary>The app's own DbContext in a scope of its own, for looking at the database the way the app does.</summary>
    public AppDatabase OpenDb() => new(Services.CreateAsyncScope());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
            }
            catch (IOException)
            {
                // A file still open elsewhere is left for the OS to clean up in the temp folder.
            }
        }
    }
}

public sealed class AppDatabase(AsyncServiceScope scope) : IAsyncDisposable
{
    public CollabEditDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<CollabEditDbContext>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}

public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State);

/// <summary>Keeps every log entry with its structured state, so tests can assert what was logged.</summary>
internal sealed class CapturingLoggerProvider(ConcurrentQueue<CapturedLog> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            sink.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), values));
        }
    }
}
