using System.Diagnostics;
using System.Reflection;

namespace CollabEdit.E2E;

/// <summary>
/// The web app's publish output, made once per test run (publishing costs tens of seconds on a 2-core machine) from
/// the build the tests already made (<c>--no-build</c>), into a temporary folder deleted when the run ends.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The folder holding <c>CollabEdit.Web.dll</c> and its <c>wwwroot</c>.</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var configuration = typeof(PublishedApp).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var output = Directory.CreateTempSubdirectory("collabedit-published-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
            }
        };

        var project = Path.Combine(RepositoryRoot.Path, "src", "CollabEdit.Web");
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", output, "-nologo", "-v", "quiet"])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return output;
    }
}
