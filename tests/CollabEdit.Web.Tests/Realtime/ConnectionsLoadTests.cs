using System.Diagnostics;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>
/// One account opens many documents-hub connections at once, as the abuse run did (3,000 in 9.5 s, +650 MB): with the
/// caps at their defaults it holds exactly its cap and every other attempt is refused (most at negotiation with a 429;
/// in a burst, some pass negotiation together and the hub closes them as they open); with the caps out of the way
/// (what the server did before) it holds them all. Memory (the test process: server and clients together) is reported
/// before, at the peak and after the connections closed, not asserted: the caps are.
/// </summary>
[Collection(MeasuredAlone.Name)]
public sealed class ConnectionsLoadTests(ITestOutputHelper output)
{
    private const int Attempts = 1000;
    private const int AtOnce = 50;

    [Fact]
    public async Task OneAccountOpeningAThousandConnectionsHoldsItsCapAndTheRestAreRefused()
    {
        await using var app = new CappedKestrelAppFactory();

        var run = await RunAsync(app);

        Assert.Equal(new RealtimeOptions().MaxHubConnectionsPerAccount, run.Held);
        Assert.Equal(new RealtimeOptions().MaxHubConnectionsPerAccount, run.HeldByServer);
        Assert.Equal(Attempts - run.Held, run.Refused);
        // Refusals are expected outcomes: warnings, never errors (PostgreSQL's first start logs its own, unrelated).
        Assert.DoesNotContain(app.Logs, log => log.Level >= LogLevel.Error && !log.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        output.WriteLine($"caps at their defaults: {run}");
    }

    [Fact]
    public async Task WithoutTheCapsTheSameRunHoldsEveryConnection()
    {
        await using var app = new SecureKestrelAppFactory();

        var run = await RunAsync(app);

        Assert.Equal(Attempts, run.Held);
        output.WriteLine($"caps out of the way: {run}");
    }

    private static async Task<LoadRun> RunAsync(KestrelAppFactory app)
    {
        var eve = await app.SignUpAsync("eve");
        var before = Measure();
        var stopwatch = Stopwatch.StartNew();
        var held = new System.Collections.Concurrent.ConcurrentBag<HubConnection>();
        var refused = 0;
        using var gate = new SemaphoreSlim(AtOnce);
        await Task.WhenAll(Enumerable.Range(0, Attempts).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var connection = new HubConnectionBuilder()
                    .WithUrl(new Uri(app.Address, DocumentHub.Path), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(eve.AccessToken))
                    .Build();
                try
                {
                    await connection.StartAsync();
                    held.Add(connection);
                }
                catch (Exception refusal) when (refusal is HttpRequestException or AggregateException)
                {
                    // A 429 at negotiation (HttpRequestException), or, when several negotiated together, at the
                    // WebSocket request that follows (the client reports every transport it tried).
                    Interlocked.Increment(ref refused);
                    await connection.DisposeAsync();
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var elapsed = stopwatch.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1)); // the connections the hub closed as they opened are closed by now
        var open = held.Count(c => c.State == HubConnectionState.Connected);
        var heldByServer = app.Services.GetRequiredService<HubFollowers>().ConnectionsOf(
            Features.RateLimiting.ClientRateLimiter.ClientKeyOfUser(await UserIdAsync(app, eve)));
        var peak = Measure();
        foreach (var connection in held)
        {
            await connection.DisposeAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var after = Measure();
        return new LoadRun(open, heldByServer, Attempts - open, refused, elapsed, before, peak, after);
    }

    private static (long WorkingSetMb, long HeapMb) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (process.WorkingSet64 / (1024 * 1024), GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024));
    }

    private static async Task<string> UserIdAsync(KestrelAppFactory app, Account account)
    {
        await using var scope = app.OpenDb();
        return scope.Db.Users.Where(u => u.Email == account.Email).Select(u => u.Id).Single();
    }

    private sealed record LoadRun(int Held, int HeldByServer, int Refused, int RefusedAtNegotiation, TimeSpan Elapsed, (long WorkingSetMb, long HeapMb) Before, (long WorkingSetMb, long HeapMb) Peak, (long WorkingSetMb, long HeapMb) After)
    {
        public override string ToString() =>
            $"{Held} held ({HeldByServer} by the server's count), {Refused} refused ({RefusedAtNegotiation} with a 429) of {Attempts} in {Elapsed.TotalSeconds:F1} s; working set {Before.WorkingSetMb} MB before, " +
            $"{Peak.WorkingSetMb} MB with them open, {After.WorkingSetMb} MB after they closed; managed heap {Before.HeapMb} / {Peak.HeapMb} / {After.HeapMb} MB";
    }
}
