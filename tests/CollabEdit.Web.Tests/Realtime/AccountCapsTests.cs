using System.Net;
using System.Net.Http.Headers;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>
/// What one account can hold, with the caps at their defaults: documents-hub connections, followers of one document,
/// open tabs (circuits). Over a cap is a 429 problem for that account only; others go on. (One account once opened
/// 3,000 hub connections in 9.5 s, and a viewer's 500 connections filled a document so that its owner was refused.)
/// </summary>
public sealed class AccountCapsTests(CappedKestrelAppFactory app) : IClassFixture<CappedKestrelAppFactory>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];
    private readonly RealtimeOptions _defaults = new();

    [Fact]
    public async Task OneAccountHoldsAtMostItsCapOfHubConnectionsAndAnotherAccountIsNotAffected()
    {
        var eve = await app.SignUpAsync("eve");
        var ana = await app.SignUpAsync("ana");

        var refusals = new List<HttpRequestException>();
        var held = new List<HubConnection>();
        for (var i = 0; i < _defaults.MaxHubConnectionsPerAccount + 10; i++)
        {
            var connection = Connect(eve);
            try
            {
                await connection.StartAsync();
                held.Add(connection);
            }
            catch (HttpRequestException refused)
            {
                refusals.Add(refused);
            }
        }

        Assert.Equal(_defaults.MaxHubConnectionsPerAccount, held.Count);
        Assert.Equal(10, refusals.Count);
        Assert.All(refusals, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        var anas = Connect(ana);
        await anas.StartAsync();
        Assert.Equal(HubConnectionState.Connected, anas.State);

        // Closing one gives the place back.
        await held[0].StopAsync();
        await WaitUntilAsync(() => app.Services.GetRequiredService<HubFollowers>().ConnectionsOf(ClientRateLimiter.ClientKeyOfUser(UserId(eve))) < _defaults.MaxHubConnectionsPerAccount);
        var again = Connect(eve);
        await again.StartAsync();
        Assert.Equal(HubConnectionState.Connected, again.State);
    }

    [Fact]
    public async Task ConnectionsHeldAtTheCapKeepWorkingOverLongPolling()
    {
        var eve = await app.SignUpAsync("eve");
        var (document, _) = await eve.Client.CreateAsync("Polled at the cap", "one\n");
        var held = new List<HubConnection>();
        for (var i = 0; i < _defaults.MaxHubConnectionsPerAccount; i++)
        {
            var connection = Connect(eve, HttpTransportType.LongPolling);
            await connection.StartAsync();
            held.Add(connection);
        }

        // Every poll and send of a connection already held is a request to the hub: none is refused for the cap.
        var bumped = new TaskCompletionSource<VersionBump>(TaskCreationOptions.RunContinuationsAsynchronously);
        held[^1].On<VersionBump>(nameof(IDocumentClient.VersionBumped), b => bumped.TrySetResult(b));
        await held[^1].InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        using (await eve.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "two\n", baseVersion = 1 })))
        {
        }

        Assert.Equal(2, (await bumped.Task.WaitAsync(TimeSpan.FromSeconds(10))).Version);
        Assert.All(held, c => Assert.Equal(HubConnectionState.Connected, c.State));
    }

    [Fact]
    public async Task TheRefusalIsAProblemWithAStableType()
    {
        var eve = await app.SignUpAsync("eve");
        for (var i = 0; i < _defaults.MaxHubConnectionsPerAccount; i++)
        {
            await Connect(eve).StartAsync();
        }

        using var client = app.CreateRealClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", eve.AccessToken);
        using var negotiate = await client.PostAsync($"{DocumentHub.Path}/negotiate?negotiateVersion=1", null);

        await negotiate.AssertProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyConnections);
    }

    [Fact]
    public async Task AViewersConnectionsCannotFillADocumentSoItsOwnerIsStillLetIn()
    {
        var olga = await app.SignUpAsync("olga");
        var vi = await app.SignUpAsync("vi");
        var (document, _) = await olga.Client.CreateAsync("Crowded", "x\n");
        await olga.GrantAsync(document.Id, vi, "viewer");

        var joined = 0;
        var refused = 0;
        for (var i = 0; i < _defaults.MaxHubConnectionsPerAccount; i++)
        {
            var connection = Connect(vi);
            await connection.StartAsync();
            try
            {
                await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
                joined++;
            }
            catch (HubException exception) when (exception.Message.Contains("as many connections as you may", StringComparison.Ordinal))
            {
                refused++;
            }
        }

        Assert.Equal(_defaults.MaxFollowersPerAccountPerDocument, joined);
        Assert.Equal(_defaults.MaxHubConnectionsPerAccount - _defaults.MaxFollowersPerAccountPerDocument, refused);
        var owners = Connect(olga);
        await owners.StartAsync();
        await owners.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
    }

    [Fact]
    public async Task AnAccountAtItsCapOfOpenTabsIsRefusedAnotherCircuitAndOthersAreNot()
    {
        var eve = await app.SignUpAsync("eve");
        var ana = await app.SignUpAsync("ana");
        var circuits = app.Services.GetRequiredService<CircuitCounter>();
        var eveKey = ClientRateLimiter.ClientKeyOfUser(UserId(eve));
        for (var i = 0; i < _defaults.MaxCircuitsPerAccount; i++)
        {
            circuits.Add(eveKey);
        }

        using var eves = await NegotiateCircuitAsync(eve);
        using var anas = await NegotiateCircuitAsync(ana);
        circuits.Remove(eveKey);
        using var evesAfterOneClosed = await NegotiateCircuitAsync(eve);

        await eves.AssertProblemAsync(HttpStatusCode.TooManyRequests, ProblemTypes.TooManyConnections);
        Assert.Equal(HttpStatusCode.OK, anas.StatusCode);
        Assert.Equal(HttpStatusCode.OK, evesAfterOneClosed.StatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<HttpResponseMessage> NegotiateCircuitAsync(Account account)
    {
        using var client = app.CreateRealClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
        return await client.PostAsync($"{ConnectionCaps.CircuitNegotiatePath}?negotiateVersion=1", null);
    }

    private string UserId(Account account)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<CollabEdit.Web.Storage.CollabEditDbContext>().Users
            .Where(u => u.Email == account.Email).Select(u => u.Id).Single();
    }

    private HubConnection Connect(Account account, HttpTransportType transport = HttpTransportType.WebSockets)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, DocumentHub.Path), transport, o => o.AccessTokenProvider = () => Task.FromResult<string?>(account.AccessToken))
            .Build();
        _connections.Add(connection);
        return connection;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 5 s.");
            await Task.Delay(20);
        }
    }
}
