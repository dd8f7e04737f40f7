using System.Net;
using System.Threading.Channels;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>The hub in the secure default, with the .NET client and bearer tokens (sent as access_token over WebSockets).</summary>
public sealed class SecureHubTests(SecureKestrelAppFactory app) : IClassFixture<SecureKestrelAppFactory>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    [Fact]
    public async Task AConnectionWithoutATokenIsRefusedBeforeItStarts()
    {
        var connection = Connect(token: null, name: "Mallory");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ASignedInFollowerGetsBumpsAndPresenceUnderTheirDisplayNameNotTheNameTheyGive()
    {
        var ana = await app.SignUpAsync("ana", "Ana");
        var bo = await app.SignUpAsync("bo", "Bo");
        var (document, _) = await ana.Client.CreateAsync("Secure hub", "one\n");
        await ana.GrantAsync(document.Id, bo, "editor");
        var presence = Channel.CreateUnbounded<Presence>();
        var bumps = Channel.CreateUnbounded<VersionBump>();
        var connection = Connect(bo.AccessToken, name: "Mallory");
        connection.On<Presence>(nameof(IDocumentClient.PresenceChanged), p => presence.Writer.TryWrite(p));
        connection.On<VersionBump>(nameof(IDocumentClient.VersionBumped), b => bumps.Writer.TryWrite(b));
        await connection.StartAsync();

        await connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        using var save = await ana.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "two\n", baseVersion = 1 }));

        var bump = await bumps.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal((2, "Ana"), (bump.Version, bump.Author));
        while (true)
        {
            var seen = await presence.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.DoesNotContain(seen.Viewers, v => v.Name == "Mallory");
            if (seen.Viewers.Any(v => v.Name == "Bo"))
            {
                break;
            }
        }
    }

    [Fact]
    public async Task JoiningADocumentThatIsNotSharedIsRefusedLikeOneThatDoesNotExist()
    {
        var ana = await app.SignUpAsync("ana");
        var stranger = await app.SignUpAsync("stranger");
        var (document, _) = await ana.Client.CreateAsync("Not shared", "x\n");
        var connection = Connect(stranger.AccessToken, name: null);
        await connection.StartAsync();

        var hidden = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id));
        var missing = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync(nameof(DocumentHub.JoinDocument), Guid.NewGuid()));

        Assert.Equal(missing.Message, hidden.Message);
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private HubConnection Connect(string? token, string? name)
    {
        var query = name is null ? "" : $"?{DocumentHub.NameQueryParameter}={Uri.EscapeDataString(name)}";
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Address, $"{DocumentHub.Path}{query}"), HttpTransportType.WebSockets, options =>
            {
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();
        _connections.Add(connection);
        return connection;
    }
}
