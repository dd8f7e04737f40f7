using CollabEdit.Web.Features.Documents;
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
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations()
            .Validate(
                options => options.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)),
                $"CollabEdit:Storage:Provider=Postgres needs ConnectionStrings:{ConnectionStringName} (Host=…;Database=…;Username=…).")
            .ValidateOnStart();
        var provider = configuration.GetValue(StorageOptions.SectionName + ":" + nameof(StorageOptions.Provider), StorageProvider.Sqlite);

        // One pooled factory: the documents core takes a short-lived context per operation from it (a Blazor
        // circuit outlives any context it could hold); request-scoped users get theirs from the same pool.
        if (provider == StorageProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString(ConnectionStringName) ?? "";
            services.AddSingleton(new CollabEditDatabase(connectionString, StorageProvider.Postgres));
            // One pool of connections for EF Core and the save statements (PostgresVersionWriter) alike.
            services.AddSingleton(_ => Npgsql.NpgsqlDataSource.Create(connectionString));
            services.AddPooledDbContextFactory<PostgresDbContext>((services, options) => options.UseNpgsql(services.GetRequiredService<Npgsql.NpgsqlDataSource>()));
            services.AddSingleton<IDbContextFactory<CollabEditDbContext>>(
                services => new BaseContextFactory<PostgresDbContext>(services.GetRequiredService<IDbContextFactory<PostgresDbContext>>()));

            // The save port: one statement per save, in parallel (PostgreSQL groups concurrent commits itself).
            services.AddSingleton<IVersionWriter, PostgresVersionWriter>();
        }
        else
        {
            var connectionString = ResolveConnectionString(configuration.GetConnectionString(ConnectionStringName), environment.ContentRootPath);
            services.AddSingleton(new CollabEditDatabase(connectionString, StorageProvider.Sqlite));
            services.AddPooledDbContextFactory<CollabEditDbContext>((services, options) => options
                .UseSqlite(connectionString)
                .UseSqliteConnectionWithoutFunctions()
                .AddInterceptors(new SqlitePragmaInterceptor(services.GetRequiredService<IOptions<StorageOptions>>().Value)));

            // The save port: one writer committing saves in groups (SQLite has one writer at a time anyway).
            services.AddSingleton<SqliteVersionWriter>();
            services.AddSingleton<IVersionWriter>(services => services.GetRequiredService<SqliteVersionWriter>());
            services.AddHostedService(services => services.GetRequiredService<SqliteVersionWriter>());
        }

        services.AddSingleton<IStorageUsage, StorageUsage>();

        // Versions stored as snapshots and deltas: the one way texts are read back (checked, cached), how new ones
        // are encoded, and the repack of old full rows into that form.
        services.AddSingleton<RevisionTextCache>();
        services.AddSingleton<RevisionTexts>();
        services.AddSingleton<RevisionEncoder>();
        services.AddSingleton<RevisionRepacker>();
        services.AddHostedService(services => services.GetRequiredService<RevisionRepacker>());

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
        if (scope.ServiceProvider.GetRequiredService<CollabEditDatabase>().Provider == StorageProvider.Postgres)
        {
            await MigrateOneServerAtATimeAsync(db, cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageSetup).FullName!);
        if (scope.ServiceProvider.GetRequiredService<CollabEditDatabase>().Provider == StorageProvider.Postgres)
        {
            StorageLog.ReadyOnPostgres(logger, db.Database.GetDbConnection().DataSource, db.Database.GetDbConnection().Database);
            return;
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        if (logger.IsEnabled(LogLevel.Information))
        {
            var storage = scope.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
            StorageLog.Ready(logger, db.Database.GetDbConnection().DataSource, storage.Synchronous);
        }
    }

    /// <summary>
    /// Servers starting together on one PostgreSQL database migrate one at a time, under a session-level advisory lock
    /// held across all pending migrations. EF Core's own migration lock lasts one migration's transaction only, so with
    /// two pending migrations two servers could both apply the second ("column already exists", seen in FirstStartTests).
    /// </summary>
    private static async Task MigrateOneServerAtATimeAsync(CollabEditDbContext db, CancellationToken cancellationToken)
    {
        const long MigrationLock = 0x436F6C6C6162; // "Collab": any constant the app uses for nothing else

        // The lock needs a connection, which needs the database: create it first, as MigrateAsync would have
        // (another server may create it at the same moment; then it exists, which is all that matters).
        var creator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>(db.Database);
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.DuplicateDatabase or Npgsql.PostgresErrorCodes.UniqueViolation)
            {
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        var timeout = db.Database.GetCommandTimeout();
        try
        {
            // Waiting for another server's migrations is not a slow query: wait as long as they take.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
            db.Database.SetCommandTimeout(timeout);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
