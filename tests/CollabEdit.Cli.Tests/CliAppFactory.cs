extern alias web;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace CollabEdit.Cli.Tests;

/// <summary>
/// The real app, in process, on a SQLite file of its own, for pull and push to talk to: open mode (saves signed with
/// X-Author) unless <see cref="Secure"/>, rate limits out of the way.
/// </summary>
public class CliAppFactory : WebApplicationFactory<web::Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("collabedit-cli-app-").FullName;

    protected virtual bool Secure => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:CollabEdit", $"Data Source={Path.Combine(_folder, "collabedit.db")}");
        builder.UseSetting("CollabEdit:Access:Mode", Secure ? "Secure" : "Open");
        foreach (var limit in (string[])["Writes", "WriteAttempts", "Reads", "SignIn"])
        {
            builder.UseSetting($"CollabEdit:RateLimiting:{limit}:TokenLimit", "100000");
            builder.UseSetting($"CollabEdit:RateLimiting:{limit}:TokensPerPeriod", "100000");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open is left for the OS to clean up in the temp folder.
            }
        }
    }
}

/// <summary>The app in its secure default: every request signs in with a bearer token.</summary>
public sealed class SecureCliAppFactory : CliAppFactory
{
    protected override bool Secure => true;
}
