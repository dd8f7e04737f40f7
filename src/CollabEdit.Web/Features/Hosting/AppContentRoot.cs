using CollabEdit.Web.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CollabEdit.Web.Features.Hosting;

/// <summary>
/// Where the app looks for its own files (wwwroot, appsettings.json) and from where relative data paths are taken.
/// ASP.NET Core's default is the working directory, so the published app started from anywhere else (a service
/// manager, a container, <c>cd /tmp &amp;&amp; dotnet /opt/collabedit/CollabEdit.Web.dll</c>) served its pages
/// without styles or scripts and put its database wherever it was started. The published app now uses its own
/// folder; <c>dotnet run</c> and the build output keep the working directory (the project folder), as before.
/// </summary>
public static class AppContentRoot
{
    /// <summary>The builder's options: the app's own folder as content root when it runs published and no content root was given.</summary>
    public static WebApplicationOptions Options(string[] args) =>
        new() { Args = args, ContentRootPath = IsGiven(args) || !IsPublished(AppContext.BaseDirectory) ? null : AppContext.BaseDirectory };

    /// <summary>
    /// Published output holds its static files in wwwroot beside the app; the build output serves them through the
    /// development manifest (<c>*.staticwebassets.runtime.json</c>) instead and has no wwwroot of its own.
    /// </summary>
    internal static bool IsPublished(string appFolder) =>
        Directory.Exists(Path.Combine(appFolder, "wwwroot"))
        && !File.Exists(Path.Combine(appFolder, typeof(AppContentRoot).Assembly.GetName().Name + ".staticwebassets.runtime.json"));

    /// <summary>A content root given on the command line (<c>--contentRoot</c>) or in the environment wins, as in ASP.NET Core.</summary>
    private static bool IsGiven(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        return !string.IsNullOrEmpty(given[HostDefaults.ContentRootKey]);
    }

    /// <summary>
    /// Before this, the published app read the appsettings files of the working directory it was started from. If
    /// that folder has them, they are still read, after the app's own (so they win, as they did) and before the
    /// environment and the command line, and the returned warning, logged at every start, says to move them: a
    /// connection string or an access mode set there must not be silently dropped. Null when nothing is to be said.
    /// </summary>
    public static string? KeepSettingsFromWorkingDirectory(ConfigurationManager configuration, string contentRoot, string workingDirectory, string environment)
    {
        if (string.Equals(Path.GetFullPath(contentRoot).TrimEnd('/'), Path.GetFullPath(workingDirectory).TrimEnd('/'), StringComparison.Ordinal))
        {
            return null;
        }

        var files = new[] { "appsettings.json", $"appsettings.{environment}.json" }
            .Where(name => File.Exists(Path.Combine(workingDirectory, name)))
            .ToList();
        if (files.Count == 0)
        {
            return null;
        }

        var sources = configuration.Sources;
        var after = sources.Select((source, index) => (source, index))
            .LastOrDefault(s => s.source is JsonConfigurationSource { Path: { } path } && path.StartsWith("appsettings", StringComparison.Ordinal)).index;
        var folder = new PhysicalFileProvider(workingDirectory);
        foreach (var name in files)
        {
            sources.Insert(++after, new JsonConfigurationSource { FileProvider = folder, Path = name, Optional = true, ReloadOnChange = false });
        }

        return $"Settings read from the working directory {workingDirectory} ({string.Join(", ", files)}), as before; the app now takes its "
            + $"own settings from its folder {contentRoot}. Move them there (or into environment variables) and remove them from {workingDirectory}.";
    }

    /// <summary>
    /// Before this, the published app took a relative SQLite path from the working directory. If the database is
    /// found there and not under the content root, it is kept where it is (an empty database in its place would
    /// look like lost documents, and moving a live SQLite file with its -wal and -shm is the owner's decision), and
    /// the returned warning, logged at every start, says how to move it. Null when nothing is to be said.
    /// </summary>
    public static string? KeepDatabaseFromWorkingDirectory(ConfigurationManager configuration, string contentRoot, string workingDirectory)
    {
        if (configuration.GetValue(StorageOptions.SectionName + ":" + nameof(StorageOptions.Provider), StorageProvider.Sqlite) != StorageProvider.Sqlite)
        {
            return null;
        }

        var configured = configuration.GetConnectionString(StorageSetup.ConnectionStringName);
        var connection = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? StorageSetup.DefaultConnectionString : configured);
        if (string.IsNullOrEmpty(connection.DataSource) || connection.DataSource == ":memory:" || connection.Mode == SqliteOpenMode.Memory
            || Path.IsPathRooted(connection.DataSource))
        {
            return null;
        }

        var here = Path.GetFullPath(connection.DataSource, contentRoot);
        var before = Path.GetFullPath(connection.DataSource, workingDirectory);
        if (here == before || File.Exists(here) || !File.Exists(before))
        {
            return null;
        }

        connection.DataSource = before;
        configuration[$"ConnectionStrings:{StorageSetup.ConnectionStringName}"] = connection.ToString();
        return $"The database is {before}, found from the working directory as before; relative paths are now taken from the app's folder, "
            + $"where it would be {here}. It stays where it is until you move it: stop the app, move {Path.GetFileName(before)} "
            + $"with its -wal and -shm files to {Path.GetDirectoryName(here)}, and start it again; or keep it where it is by giving "
            + $"its full path: ConnectionStrings__{StorageSetup.ConnectionStringName}=\"Data Source={before}\".";
    }
}
