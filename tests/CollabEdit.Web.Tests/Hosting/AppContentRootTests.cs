using CollabEdit.Web.Features.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CollabEdit.Web.Tests.Hosting;

/// <summary>
/// The published app's data under its own folder, without losing the database an earlier version made in the
/// working directory it was started from.
/// </summary>
public sealed class AppContentRootTests : IDisposable
{
    private readonly DirectoryInfo _app = Directory.CreateTempSubdirectory("collabedit-app-");
    private readonly DirectoryInfo _started = Directory.CreateTempSubdirectory("collabedit-cwd-");

    [Fact]
    public void ADatabaseOnlyInTheOldWorkingDirectoryPlaceIsKeptThereWithAWarningSayingHowToMoveIt()
    {
        Directory.CreateDirectory(Path.Combine(_started.FullName, "data"));
        var old = Path.Combine(_started.FullName, "data", "collabedit.db");
        File.WriteAllText(old, "");
        var configuration = new ConfigurationManager();

        var warning = AppContentRoot.KeepDatabaseFromWorkingDirectory(configuration, _app.FullName, _started.FullName);

        Assert.Equal(old, new SqliteConnectionStringBuilder(configuration.GetConnectionString("CollabEdit")).DataSource);
        Assert.NotNull(warning);
        Assert.Contains(old, warning, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_app.FullName, "data"), warning, StringComparison.Ordinal);
        Assert.Contains("-wal", warning, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__CollabEdit", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsLeftInTheWorkingDirectoryAreStillReadAfterTheAppsOwnWithAWarning()
    {
        File.WriteAllText(Path.Combine(_app.FullName, "appsettings.json"), """{"CollabEdit":{"Access":{"Mode":"Secure"}},"Kept":"app"}""");
        File.WriteAllText(Path.Combine(_started.FullName, "appsettings.json"), """{"CollabEdit":{"Access":{"Mode":"Open"}}}""");
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(_app.FullName).AddJsonFile("appsettings.json").AddInMemoryCollection([new("Kept", "environment")]);

        var warning = AppContentRoot.KeepSettingsFromWorkingDirectory(configuration, _app.FullName, _started.FullName, "Production");

        Assert.Equal("Open", configuration["CollabEdit:Access:Mode"]);
        Assert.Equal("environment", configuration["Kept"]);
        Assert.NotNull(warning);
        Assert.Contains(_started.FullName, warning, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSettingsInTheWorkingDirectoryMeansNothingIsSaidOrRead()
    {
        var configuration = new ConfigurationManager();
        var sources = configuration.Sources.Count;

        Assert.Null(AppContentRoot.KeepSettingsFromWorkingDirectory(configuration, _app.FullName, _started.FullName, "Production"));
        Assert.Equal(sources, configuration.Sources.Count);
    }

    [Fact]
    public void ADatabaseUnderTheAppsFolderWinsAndNothingIsSaid()
    {
        Directory.CreateDirectory(Path.Combine(_started.FullName, "data"));
        File.WriteAllText(Path.Combine(_started.FullName, "data", "collabedit.db"), "");
        Directory.CreateDirectory(Path.Combine(_app.FullName, "data"));
        File.WriteAllText(Path.Combine(_app.FullName, "data", "collabedit.db"), "");
        var configuration = new ConfigurationManager();

        Assert.Null(AppContentRoot.KeepDatabaseFromWorkingDirectory(configuration, _app.FullName, _started.FullName));
        Assert.Null(configuration.GetConnectionString("CollabEdit"));
    }

    [Fact]
    public void WithNoDatabaseAnywhereTheAppsFolderIsUsedAndAFullPathIsNeverMoved()
    {
        var configuration = new ConfigurationManager();
        Assert.Null(AppContentRoot.KeepDatabaseFromWorkingDirectory(configuration, _app.FullName, _started.FullName));
        Assert.Null(configuration.GetConnectionString("CollabEdit"));

        var elsewhere = Path.Combine(_started.FullName, "mine.db");
        File.WriteAllText(elsewhere, "");
        configuration["ConnectionStrings:CollabEdit"] = $"Data Source={elsewhere}";
        Assert.Null(AppContentRoot.KeepDatabaseFromWorkingDirectory(configuration, _app.FullName, _started.FullName));
    }

    [Fact]
    public void OnlyAPublishOutputTakesItsOwnFolder()
    {
        Assert.False(AppContentRoot.IsPublished(_app.FullName));
        Directory.CreateDirectory(Path.Combine(_app.FullName, "wwwroot"));
        Assert.True(AppContentRoot.IsPublished(_app.FullName));
        // The build output (dotnet run) serves its assets from the development manifest and keeps the working directory.
        File.WriteAllText(Path.Combine(_app.FullName, "CollabEdit.Web.staticwebassets.runtime.json"), "{}");
        Assert.False(AppContentRoot.IsPublished(_app.FullName));
    }

    public void Dispose()
    {
        _app.Delete(recursive: true);
        _started.Delete(recursive: true);
    }
}
