using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>
/// Bodies that will be refused must not cost what they claim: found by trying it, 40 concurrent 31.5 MB saves all
/// got 413 and the server grew from 465 MB to 2.78 GB.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class LargeBodyTests(KestrelAppFactory app, ITestOutputHelper output) : IClassFixture<KestrelAppFactory>
{
    [Fact]
    public async Task ADeclaredBodyOverTheLimitIsRefusedBeforeAnyOfItIsSent()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(app.Address.Host, app.Address.Port);
        var stream = socket.GetStream();
        var headers = $"PUT /api/documents/anything HTTP/1.1\r\nHost: {app.Address.Authority}\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers));

        // No body byte is sent: the answer comes anyway, at once.
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var response = Encoding.UTF8.GetString(buffer, 0, read);

        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains(ProblemTypes.ContentTooLarge, response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FortyConcurrentOversizedSavesAreRefusedWhileAtMostFourBodiesAreReadAtOnce()
    {
        var client = app.CreateRealClient();
        var (document, etag) = await client.CreateAsync("Big bodies", "x\n");
        // 7 MB of content (over the 5 MB limit) in a body under the 15 MB body limit: it has to be read to be refused.
        var body = Encoding.UTF8.GetBytes($"{{\"content\":\"{new string('a', 7 * 1024 * 1024)}\"}}");
        var reading = new ActiveReads();
        using var listener = reading.Listen(app.Services.GetRequiredService<IMeterFactory>());
        using var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.WorkingSet64;
        long peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20);
            }
        });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{document.Id}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }));
        await sampling.CancelAsync();
        await sampler;

        // The memory figure is reported, not asserted: the working set of a test process shared with the client and
        // other apps moves with the GC's timing (a benchmark measures it; README, "What abuse costs").
        output.WriteLine($"peak growth {(peak - before) / (1024 * 1024)} MB; at most {reading.Max} bodies read at once; " +
            $"{statuses.Count(s => s == HttpStatusCode.RequestEntityTooLarge)} × 413, {statuses.Count(s => s == HttpStatusCode.ServiceUnavailable)} × 503");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.ServiceUnavailable }));
        Assert.Contains(HttpStatusCode.RequestEntityTooLarge, statuses);
        // What bounds the memory: 40 bodies parsed at once would hold 40 × (7 MB bytes + 14 MB string).
        Assert.InRange(reading.Max, 1, app.Services.GetRequiredService<IOptions<DocumentLimits>>().Value.MaxConcurrentLargeRequests);
        Assert.Equal(0, reading.Now);
    }

    /// <summary>Follows this app's <see cref="LargeRequestGate.ActiveInstrument"/>: how many now, and the most at once.</summary>
    private sealed class ActiveReads
    {
        private readonly Lock _gate = new();
        private int _now;

        public int Now { get { lock (_gate) { return _now; } } }

        public int Max { get; private set; }

        public MeterListener Listen(IMeterFactory meterFactory)
        {
            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    // Only this app's meter: other test classes run their own apps in this process.
                    if (instrument.Name == LargeRequestGate.ActiveInstrument && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<int>((_, change, _, _) =>
            {
                lock (_gate)
                {
                    _now += change;
                    Max = Math.Max(Max, _now);
                }
            });
            listener.Start();
            return listener;
        }
    }
}
