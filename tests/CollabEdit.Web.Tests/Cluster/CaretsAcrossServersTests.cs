using System.Collections.Concurrent;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Web.Tests.Cluster;

/// <summary>Two app servers on one Redis: a caret moved through one is seen by a hub viewer of the other, and goes with its connection.</summary>
public sealed class CaretsAcrossServersTests(CaretsAcrossServersTests.Servers servers) : IClassFixture<CaretsAcrossServersTests.Servers>
{
    [Fact]
    public async Task ACaretMovedOnOneServerIsSeenOnTheOtherAndGoesWhenItsConnectionCloses()
    {
        var (document, _) = await servers.A.CreateRealClient().CreateAsync("Carets across servers", "Some text to stand in\n");
        var seenOnB = new ConcurrentQueue<DocumentCarets>();
        await using var ana = await JoinAsync(servers.A, "Ana", document.Id, new ConcurrentQueue<DocumentCarets>());
        await using var bo = await JoinAsync(servers.B, "Bo", document.Id, seenOnB);

        var id = await ana.InvokeAsync<string?>(nameof(DocumentHub.MoveCaret), document.Id, 1, 5, 9);

        await WaitUntilAsync(() => seenOnB.LastOrDefault() is { } last && last.Carets.Any(c => c.Name == "Ana" && c.Id == id && c.Anchor == 5 && c.Head == 9));
        await ana.StopAsync();
        await WaitUntilAsync(() => seenOnB.LastOrDefault() is { } last && last.Carets.Count == 0);
    }

    private static async Task<HubConnection> JoinAsync(KestrelAppFactory server, string name, Guid documentId, ConcurrentQueue<DocumentCarets> seen)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}={name}"), HttpTransportType.WebSockets)
            .Build();
        connection.On<DocumentCarets>(nameof(IDocumentClient.CaretsChanged), seen.Enqueue);
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), documentId);
        return connection;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not seen within 10 s.");
            await Task.Delay(50);
        }
    }

    public sealed class Servers : ServerPair;
}
