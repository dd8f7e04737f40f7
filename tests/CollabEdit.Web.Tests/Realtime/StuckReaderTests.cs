using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>
/// A hub client that connects over a real WebSocket, follows a document and then never reads (a tiny receive
/// window, like a frozen tab on a bad network): the others, on its document and on others, get their versions at
/// once. (Over loopback the kernel's buffers take megabytes before a send blocks; what happens then, the bounded
/// outbox and the disconnection, is tested with a stand-in network in <see cref="HubFollowersTests"/>.)
/// </summary>
public sealed class StuckReaderTests(StuckReaderTests.ShortTimeout app) : IClassFixture<StuckReaderTests.ShortTimeout>
{
    public sealed class ShortTimeout : KestrelAppFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Realtime:ListenerTimeout"] = "00:00:02",
        };
    }

    [Fact]
    public async Task AClientThatNeverReadsDelaysNoOne()
    {
        var api = app.CreateRealClient();
        var (flooded, floodedETag) = await api.CreateAsync("Flooded", "0\n");
        var (quiet, quietETag) = await api.CreateAsync("Quiet", "0\n");
        using var stuck = await StuckClientAsync(flooded.Id);
        var bumps = Channel.CreateUnbounded<VersionBump>();
        await using var healthy = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, $"{DocumentHub.Path}?name=Healthy"), HttpTransportType.WebSockets)
            .Build();
        healthy.On<VersionBump>(nameof(IDocumentClient.VersionBumped), b => bumps.Writer.TryWrite(b));
        await healthy.StartAsync();
        await healthy.InvokeAsync(nameof(DocumentHub.JoinDocument), flooded.Id);
        await healthy.InvokeAsync(nameof(DocumentHub.JoinDocument), quiet.Id);

        // Enough versions, with long author names, to fill every buffer between the server and the stuck client.
        var etag = floodedETag;
        for (var i = 1; i <= 600; i++)
        {
            using var save = await api.SendAsync(ApiClient.Put(flooded.Id.ToString(), new { content = $"{i}\n" }, etag, new string('a', 100)));
            etag = save.Headers.ETag!.ToString();
        }

        var started = DateTime.UtcNow;
        using (var save = await api.SendAsync(ApiClient.Put(quiet.Id.ToString(), new { content = "1\n" }, quietETag, "Ana")))
        {
            save.EnsureSuccessStatusCode();
        }

        // The healthy client gets the quiet document's version promptly, and every flooded version it followed.
        var seenQuiet = false;
        var floodedSeen = 0;
        while (!seenQuiet)
        {
            var bump = await bumps.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            seenQuiet = bump.DocumentId == quiet.Id;
            floodedSeen += bump.DocumentId == flooded.Id ? 1 : 0;
        }

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), $"the quiet document's version took {DateTime.UtcNow - started}");

        Assert.True(floodedSeen > 0);
    }

    /// <summary>A WebSocket hub client written by hand over a socket with a tiny receive buffer, which joins and then never reads.</summary>
    private async Task<TcpClient> StuckClientAsync(Guid documentId)
    {
        var socket = new TcpClient { ReceiveBufferSize = 1024 };
        await socket.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = socket.GetStream();
        var upgrade = $"GET {DocumentHub.Path}?name=Stuck HTTP/1.1\r\nHost: {app.Address.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(upgrade));
        var response = new StringBuilder();
        var one = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one);
            response.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", response.ToString(), StringComparison.Ordinal);
        await stream.WriteAsync(Frame("{\"protocol\":\"json\",\"version\":1}\u001e"));
        await stream.WriteAsync(Frame($"{{\"type\":1,\"target\":\"JoinDocument\",\"arguments\":[\"{documentId}\"]}}\u001e"));
        var presence = app.Services.GetRequiredService<PresenceTracker>();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!presence.Of(documentId).Viewers.Any(v => v.Name == "Stuck"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the stuck client never joined");
            await Task.Delay(20);
        }

        return socket;
    }

    /// <summary>A masked WebSocket text frame (clients must mask), for payloads under 126 bytes.</summary>
    private static byte[] Frame(string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var mask = new byte[] { 1, 2, 3, 4 };
        var frame = new byte[2 + 4 + payload.Length];
        frame[0] = 0x81;
        frame[1] = (byte)(0x80 | payload.Length);
        mask.CopyTo(frame, 2);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        return frame;
    }
}
