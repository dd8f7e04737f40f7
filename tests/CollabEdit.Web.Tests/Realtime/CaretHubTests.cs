using System.Threading.Channels;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>Carets through the documents hub, with the .NET SignalR client over WebSockets to the app on real Kestrel.</summary>
public sealed class CaretHubTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _api = app.CreateRealClient();
    private readonly List<HubConnection> _connections = [];

    [Fact]
    public async Task OneConnectionMovesItsCaretAndTheOtherHearsItWithTheNameTheColourAndThePositions()
    {
        var (document, _) = await _api.CreateAsync("Hub carets", "Hello, carets\n");
        var (ana, _) = await FollowAsync(document.Id, "Ana");
        var (_, boCarets) = await FollowAsync(document.Id, "Bo");

        var anaId = await ana.InvokeAsync<string?>(nameof(DocumentHub.MoveCaret), document.Id, 1, 2, 7);

        var heard = await WaitForAsync(boCarets, c => c.Carets.Any(caret => caret.Name == "Ana"));
        var caret = heard.Carets.Single(c => c.Name == "Ana");
        Assert.Equal((document.Id, anaId, 1, 2, 7), (heard.DocumentId, caret.Id, caret.Version, caret.Anchor, caret.Head));
        Assert.Equal(CaretColours.For("Ana"), caret.Colour);
    }

    [Fact]
    public async Task AJoinerIsSentTheCaretsAlreadyThereAndACaretGoesWhenItsConnectionLeaves()
    {
        var (document, _) = await _api.CreateAsync("Hub carets join", "Some text\n");
        var (ana, _) = await FollowAsync(document.Id, "Ana");
        await ana.InvokeAsync<string?>(nameof(DocumentHub.MoveCaret), document.Id, 1, 4, 4);

        var (_, boCarets) = await FollowAsync(document.Id, "Bo");
        await WaitForAsync(boCarets, c => c.Carets.Any(caret => caret.Name == "Ana" && caret.Head == 4));

        await ana.StopAsync();

        await WaitForAsync(boCarets, c => c.Carets.Count == 0);
    }

    [Fact]
    public async Task MovingACaretInADocumentNotJoinedIsRefusedWithPlainWords()
    {
        var (document, _) = await _api.CreateAsync("Hub carets not joined", "x\n");
        var connection = Connect("Ana");
        await connection.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<string?>(nameof(DocumentHub.MoveCaret), document.Id, 1, 0, 0));

        Assert.Contains("Join the document first", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyMovesASecondAreCoalescedSilentlyAndTheLastOneArrives()
    {
        var (document, _) = await _api.CreateAsync("Hub carets flood", new string('a', 200) + "\n");
        var (ana, _) = await FollowAsync(document.Id, "Ana");
        var (_, boCarets) = await FollowAsync(document.Id, "Bo");

        // 15 moves in about half a second: within the hub's rate limit, above the caret throttle.
        var moving = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 1; i <= 15; i++)
        {
            await ana.InvokeAsync<string?>(nameof(DocumentHub.MoveCaret), document.Id, 1, i, i);
            await Task.Delay(30);
        }

        var tookSeconds = moving.Elapsed.TotalSeconds;

        await Task.Delay(600);
        var withAna = new List<Caret>();
        while (boCarets.Reader.TryRead(out var heard))
        {
            withAna.AddRange(heard.Carets.Where(c => c.Name == "Ana"));
        }

        // Taken at most 4 times a second, the latest each time: the last move arrives, most in between do not (on a loaded
        // machine the moves take longer than half a second to send, and more of them are taken: 4 for each second they took).
        Assert.Equal(15, withAna[^1].Head);
        Assert.InRange(withAna.Count, 1, Math.Max(6, (int)Math.Ceiling(tookSeconds * 4) + 2));
        Assert.Equal(HubConnectionState.Connected, ana.State);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        _api.Dispose();
    }

    private HubConnection Connect(string name)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, $"{DocumentHub.Path}?{DocumentHub.NameQueryParameter}={Uri.EscapeDataString(name)}"), HttpTransportType.WebSockets)
            .Build();
        _connections.Add(connection);
        return connection;
    }

    private async Task<(HubConnection Connection, Channel<DocumentCarets> Carets)> FollowAsync(Guid documentId, string name)
    {
        var carets = Channel.CreateUnbounded<DocumentCarets>();
        var connection = Connect(name);
        connection.On<DocumentCarets>(nameof(IDocumentClient.CaretsChanged), c => carets.Writer.TryWrite(c));
        await connection.StartAsync();
        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), documentId);
        return (connection, carets);
    }

    private static async Task<DocumentCarets> WaitForAsync(Channel<DocumentCarets> carets, Func<DocumentCarets, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var heard = await carets.Reader.ReadAsync(timeout.Token);
            if (condition(heard))
            {
                return heard;
            }
        }
    }
}
