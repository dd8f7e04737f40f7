using System.Net.Sockets;
using System.Text;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// A reader that stops reading a large response is dropped by the minimum response data rate, so it cannot pin the
/// response's memory (60 such readers of a 4.9 MB document held +460 MB, never dropped, under Kestrel's default of
/// 240 bytes/s). Kestrel allows a write the time its size takes at the minimum rate (5 MB at the default 16 KB/s: about
/// five minutes), so the rate is raised here, to 1 MB/s after 2 s, for the test to take seconds.
/// </summary>
public sealed class SlowReaderTests(SlowReaderTests.App app) : IClassFixture<SlowReaderTests.App>
{
    public sealed class App : KestrelAppFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Limits:MinResponseGracePeriod"] = "00:00:02",
            ["CollabEdit:Limits:MinResponseBytesPerSecond"] = "1048576",
        };
    }

    [Fact]
    public async Task AReaderThatStallsOnALargeDocumentIsDisconnected()
    {
        var content = string.Concat(Enumerable.Repeat("A line of a large document, long enough to matter.\n", 95_000)); // 4.9 MB
        var (document, _) = await app.CreateRealClient().CreateAsync("Large, read slowly", content);
        using var socket = new TcpClient { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/documents/{document.Id} HTTP/1.1\r\nHost: {app.Address.Authority}\r\n\r\n"));

        // Read nothing for a while: the server's writes stall, and the rate check gives up after its grace period.
        await Task.Delay(TimeSpan.FromSeconds(12));

        var received = 0L;
        var buffer = new byte[64 * 1024];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            int read = 1;
            while (received < content.Length && read > 0)
            {
                read = await stream.ReadAsync(buffer, limit.Token);
                received += read;
            }
        }
        catch (IOException)
        {
            // Reset by the server: dropped, as it should be.
        }

        Assert.False(limit.IsCancellationRequested, "The server kept the stalled connection open.");
        Assert.True(received < content.Length, $"The whole response arrived ({received:N0} bytes): the reader was not dropped.");
    }
}
