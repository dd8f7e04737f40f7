using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// The document hub through the official JavaScript client (@microsoft/signalr), in a real Chromium page: the hub is
/// for scripts too. The rest of the hub's behaviour is tested with the .NET client (tests/…/Realtime/DocumentHubTests).
/// </summary>
[Collection(AppProcess.Name)]
public sealed class HubTests(AppFixture app)
{
    private const string ConnectScript = """
        async ([documentId, name]) => {
            window.bumps = [];
            window.presence = [];
            window.connection = new signalR.HubConnectionBuilder().withUrl('/hubs/documents?name=' + encodeURIComponent(name)).build();
            window.connection.on('VersionBumped', bump => window.bumps.push(bump));
            window.connection.on('PresenceChanged', presence => window.presence.push(presence));
            await window.connection.start();
            await window.connection.invoke('JoinDocument', documentId);
        }
        """;

    private async Task<IPage> ConnectAsync(string documentId, string name)
    {
        var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/health").ToString());
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/assets/vendor/signalr.min.js" });
        await page.EvaluateAsync(ConnectScript, new object[] { documentId, name });
        return page;
    }

    [Fact]
    public async Task EveryFollowerReceivesExactlyOneBumpPerSaveAndOneWhoLeftReceivesNothing()
    {
        var document = await app.CreateDocumentAsync("Hub", "one\n");
        var id = document.GetProperty("id").GetString()!;
        var ana = await ConnectAsync(id, "Ana");
        var bo = await ConnectAsync(id, "Bo");
        var carl = await ConnectAsync(id, "Carl");
        await carl.EvaluateAsync($"() => window.connection.invoke('LeaveDocument', '{id}')");

        var etag = await app.SaveAsync(id, "one\ntwo\n", "Dee", baseVersion: 1);

        foreach (var page in new[] { ana, bo })
        {
            await page.WaitForFunctionAsync("() => window.bumps.length > 0", null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        }

        await ana.WaitForTimeoutAsync(500); // a duplicate would have arrived by now
        foreach (var page in new[] { ana, bo })
        {
            var bumps = await page.EvaluateAsync<JsonElement>("() => window.bumps");
            var bump = Assert.Single(bumps.EnumerateArray());
            Assert.Equal(2, bump.GetProperty("version").GetInt32());
            Assert.Equal(etag, bump.GetProperty("etag").GetString());
            Assert.Equal("Dee", bump.GetProperty("author").GetString());
            Assert.Equal(id, bump.GetProperty("documentId").GetString());
            Assert.Equal(1, bump.GetProperty("linesAdded").GetInt32());
            Assert.Equal(0, bump.GetProperty("linesRemoved").GetInt32());
        }

        Assert.Equal(0, await carl.EvaluateAsync<int>("() => window.bumps.length"));
    }
}
