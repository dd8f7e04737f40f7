using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Web.Tests.Auth;

/// <summary>
/// Two servers of one deployment (one database, one Redis): a session ended on one is refused by the other within
/// <c>CollabEdit:Sessions:CheckInterval</c>, however recently that one had looked at it.
/// </summary>
public sealed class SessionsAcrossServersTests(SessionsAcrossServersTests.Servers servers) : IClassFixture<SessionsAcrossServersTests.Servers>
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    public sealed class Servers() : ServerPair(new Dictionary<string, string>
    {
        ["CollabEdit:Access:Mode"] = "Secure",
        ["CollabEdit:Sessions:CheckInterval"] = CheckInterval.ToString(),
        ["CollabEdit:Sessions:CircuitCheckInterval"] = SweepInterval.ToString(),
    });

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AHubConnectionOnTheOtherServerThatOnlyListensIsClosedWhenItsSessionEnds()
    {
        var account = await servers.A.SignUpAsync("lea");
        await using var onB = new HubConnectionBuilder()
            .WithUrl(new Uri(servers.B.Address, DocumentHub.Path), HttpTransportType.WebSockets, options => options.AccessTokenProvider = () => Task.FromResult<string?>(account.AccessToken))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        onB.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await onB.StartAsync();

        using (var logout = await servers.A.CreateRealClient().WithToken(account.AccessToken).PostAsync("/api/auth/logout", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        // It never calls anything, so only B's sweep can find that its session ended.
        await closed.Task.WaitAsync(CheckInterval + SweepInterval + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ASessionEndedOnOneServerIsRefusedByTheOtherWithinTheCheckInterval()
    {
        var account = await servers.A.SignUpAsync("ana");
        var onB = servers.B.CreateRealClient().WithToken(account.AccessToken);
        using (var me = await onB.GetAsync("/api/auth/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (var logout = await servers.A.CreateRealClient().WithToken(account.AccessToken).PostAsync("/api/auth/logout", content: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        var ended = Stopwatch.StartNew();
        while (true)
        {
            using var me = await onB.GetAsync("/api/auth/me");
            if (me.StatusCode == HttpStatusCode.Unauthorized)
            {
                break;
            }

            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.True(ended.Elapsed < CheckInterval + TimeSpan.FromSeconds(2), $"B still accepts the ended session after {ended.Elapsed}.");
            await Task.Delay(50);
        }

        // A refresh always asks the database: refused on B at once.
        using var refresh = await servers.B.CreateRealClient().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = account.RefreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }
}
