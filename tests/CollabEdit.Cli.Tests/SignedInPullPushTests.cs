using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CollabEdit.Cli.Sync;

namespace CollabEdit.Cli.Tests;

/// <summary>pull and push on a server in its secure default: the bearer token from COLLABEDIT_TOKEN signs every request.</summary>
public sealed class SignedInPullPushTests(SecureCliAppFactory factory) : IClassFixture<SecureCliAppFactory>, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("collabedit-sync-");

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<int> RunAsync(string? token, StringWriter errors, params string[] args)
    {
        var context = new SyncContext(factory.Server.CreateHandler(), token, Author: null, TextWriter.Null, errors);
        return args[0] == "pull" ? await PullCommand.RunAsync(args[1..], context) : await PushCommand.RunAsync(args[1..], context);
    }

    private async Task<string> TokenAsync()
    {
        var email = $"ana-{Guid.NewGuid():N}@example.org";
        var client = factory.CreateClient();
        using (var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = "correct horse battery staple" }))
        {
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        }

        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "correct horse battery staple" });
        using var tokens = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return tokens.RootElement.GetProperty("accessToken").GetString()!;
    }

    [Fact]
    public async Task TheTokenSignsPullAndPushAndWithoutItTheServersRefusalIsSaid()
    {
        var token = await TokenAsync();
        var api = factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await api.PostAsJsonAsync("/api/documents", new { title = "Signed", content = "a\n" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = "http://localhost" + created.Headers.Location;
        var file = Path.Combine(_folder.FullName, "signed.md");

        using var anonymous = new StringWriter();
        Assert.Equal(SyncStatus.Refused, await RunAsync(null, anonymous, "pull", url, file));
        Assert.Contains("401", anonymous.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(file));

        using var errors = new StringWriter();
        Assert.Equal(SyncStatus.Done, await RunAsync(token, errors, "pull", url, file));
        File.WriteAllBytes(file, "b\n"u8.ToArray());
        Assert.Equal(SyncStatus.Done, await RunAsync(token, errors, "push", file));
        Assert.Equal("", errors.ToString());

        using var current = JsonDocument.Parse(await api.GetStringAsync(created.Headers.Location));
        Assert.Equal("b\n", current.RootElement.GetProperty("content").GetString());
        Assert.Equal(2, current.RootElement.GetProperty("version").GetInt32());
        Assert.Equal("b\n", Encoding.UTF8.GetString(File.ReadAllBytes(file)));
    }
}
