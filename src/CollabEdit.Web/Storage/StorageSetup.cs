using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Storage;

public static class StorageSetup
{
    public const string ConnectionStringName = "CollabEdit";
    public const string DefaultConnectionString = "Data Source=data/collabedit.db";

    public static IServiceCollection AddCollabEditStorage(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName), environment.ContentRootPath);
        services.AddSingleton(new CollabEditDatabase(connectionString));

        // One pooled factory: the documents core takes a short-lived context per operation from it (a Blazor
        // circuit outlives any context it could hold); request-scoped users get theirs from the same pool.
        services.AddPooledDbContextFactory<CollabEditDbContext>((provider, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmaInterceptor(provider.GetRequiredService<IOptions<StorageOptions>>().Value)));
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<CollabEditDbContext>>().CreateDbContext());
        services.AddHealthChecks().AddDbContextCheck<CollabEditDbContext>("database");
        return services;
    }

    /// <summary>Relative database paths are taken from the content root, and the folder is created on first run.</summary>
    internal static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        var isFile = !string.IsNullOrEmpty(builder.DataSource)
            && builder.DataSource != ":memory:"
            && builder.Mode != SqliteOpenMode.Memory;
        if (isFile)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }

        return builder.ToString();
    }

    /// <summary>Applies migrations and switches the file to WAL (a property of the file, kept across connections).</summary>
    public static async Task InitializeStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CollabEditDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);

        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageSetup).FullName!);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var storage = scope.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
            StorageLog.Ready(logger, db.Database.GetDbConnection().DataSource, storage.Synchronous);
        }
    }
}

/// <summary>The resolved connection string of the app's SQLite file, for the few parts that open their own connection.</summary>
public sealed record CollabEditDatabase(string ConnectionString);

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Storage ready: SQLite file {DataSource}, WAL, synchronous={Synchronous}")]
    public static partial void Ready(ILogger logger, string dataSource, SqliteSynchronous synchronous);
}
