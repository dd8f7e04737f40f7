using System.Net.Sockets;
using System.Text;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// Requests refused at the transport get problem details too, over a raw socket so that nothing cleans them up
/// first (found by trying it: Kestrel's 400 for a bad header byte, 414 and 431 had empty bodies, 408 an IETF type).
/// </summary>
public sealed class TransportErrorTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    [Fact]
    public async Task AnAddressTooLongIs414WithProblemDetails()
    {
        var response = await SendAsync(Encoding.ASCII.GetBytes($"GET /api/documents?q={new string('a', 10_000)} HTTP/1.1\r\nHost: {app.Address.Authority}\r\n\r\n"));

        AssertProblem(response, 414, ProblemTypes.UriTooLong);
    }

    [Fact]
    public async Task HeadersTooLargeAre431WithProblemDetails()
    {
        var headers = string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Filler-{i}: {new string('b', 1000)}\r\n"));

        var response = await SendAsync(Encoding.ASCII.GetBytes($"GET /api/documents HTTP/1.1\r\nHost: {app.Address.Authority}\r\n{headers}\r\n"));

        AssertProblem(response, 431, ProblemTypes.HeadersTooLarge);
    }

    [Fact]
    public async Task AHeaderByteThatIsNotAsciiIs400NamingTheHeader()
    {
        var request = new List<byte>(Encoding.ASCII.GetBytes($"POST /api/documents HTTP/1.1\r\nHost: {app.Address.Authority}\r\nX-Author: Jos"));
        request.AddRange([0xC3, 0xA9]);
        request.AddRange("\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray());

        var response = await SendAsync([.. request]);

        AssertProblem(response, 400, ProblemTypes.MalformedRequest);
        Assert.Contains("X-Author", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyThatStopsArrivingIs408WithOurType()
    {
        // Headers promise 1,000 bytes; 10 come, then nothing: Kestrel's minimum data rate gives up after its grace period.
        var response = await SendAsync(Encoding.ASCII.GetBytes($"PUT /api/documents/slow HTTP/1.1\r\nHost: {app.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"content\""), wait: TimeSpan.FromSeconds(20));

        AssertProblem(response, 408, ProblemTypes.RequestTimeout);
    }

    private static void AssertProblem(string response, int status, string type)
    {
        Assert.StartsWith($"HTTP/1.1 {status}", response, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", response, StringComparison.Ordinal);
        Assert.Contains($"\"type\":\"{type}\"", response, StringComparison.Ordinal);
    }

    private async Task<string> SendAsync(byte[] request, TimeSpan? wait = null)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(request);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(5));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                received.Write(buffer, 0, read);
                if (Encoding.UTF8.GetString(received.ToArray()).Contains('}', StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Whatever came is the answer.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}
