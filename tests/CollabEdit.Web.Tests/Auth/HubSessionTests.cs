using System.Net.Http.Json;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Tests.Auth;

/// <summary>
/// A hub connection outlives the request that opened it: its session is checked again on every call, and ending the
/// session closes it. <see cref="SessionOptions.CheckInterval"/> is zero here, so that a session ended behind this
/// server's back (as another server would) is seen on the next call.
/// </summary>
public sealed class HubSessionTests(HubSessionTests.AlwaysAsk app) : IClassFixture<HubSessionTests.AlwaysAsk>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    public sealed class AlwaysAsk : KestrelAppFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Access:Mode"] = "Secure",
            ["CollabEdit:Sessions:CheckInterval"] = "00:00:00",
        };
    }

    [Fact]
    public async Task SigningOutClosesTheSessionsHubConnectionAndItCannotCallAgain()
    {
        var ana = await app.SignUpAsync("ana");
        var (document, _) = await ana.Client.CreateAsync("Signed out", "one\n");
        var (connection, closed) = await ConnectAsync(ana.AccessToken);
        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);

        using (var logout = await ana.Client.PostAsync("/api/auth/logout", content: null))
        {
            logout.EnsureSuccessStatusCode();
        }

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id));
    }

    [Fact]
    public async Task ASessionEndedElsewhereIsRefusedOnTheConnectionsNextCall()
    {
        var bo = await app.SignUpAsync("bo");
        var (document, _) = await bo.Client.CreateAsync("Ended elsewhere", "one\n");
        var (connection, closed) = await ConnectAsync(bo.AccessToken);
        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);

        // Another server ended the session: its row is gone from the shared database, this server was not told.
        await using (var database = app.OpenDb())
        {
            var userId = (await database.Db.Users.SingleAsync(u => u.Email == bo.Email)).Id;
            Assert.Equal(1, await database.Db.AccountSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync());
        }

        await Assert.ThrowsAnyAsync<Exception>(() => connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id));
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AnEndedSessionsTokenCannotOpenAHubConnection()
    {
        var cy = await app.SignUpAsync("cy");
        using (var logout = await cy.Client.PostAsync("/api/auth/logout", content: null))
        {
            logout.EnsureSuccessStatusCode();
        }

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync(cy.AccessToken));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordClosesTheOtherSessionsHubConnectionsOnly()
    {
        var dee = await app.SignUpAsync("dee");
        var (document, _) = await dee.Client.CreateAsync("Password changed", "one\n");
        var (otherAccess, _) = await Accounts.LoginAsync(app.CreateClient(), dee.Email);
        var (mine, mineClosed) = await ConnectAsync(dee.AccessToken);
        var (other, otherClosed) = await ConnectAsync(otherAccess);
        await other.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);

        using (var change = await dee.Client.PostAsJsonAsync("/api/auth/password", new { currentPassword = Accounts.Password, newPassword = "a brand new passphrase" }))
        {
            change.EnsureSuccessStatusCode();
        }

        await otherClosed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await mine.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        Assert.False(mineClosed.Task.IsCompleted);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<(HubConnection Connection, TaskCompletionSource Closed)> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, DocumentHub.Path), HttpTransportType.WebSockets, options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        _connections.Add(connection);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return (connection, closed);
    }
}
