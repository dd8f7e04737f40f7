using System.Net;
using System.Threading.Channels;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Tests.Cluster;

/// <summary>
/// Two servers on one database and one Redis, in the secure default: a person removed through one server loses their
/// feed at once on the other (their hub connection there is told, stops following, and may no longer type).
/// </summary>
public sealed class AccessAcrossServersTests(AccessAcrossServersTests.Servers servers) : IClassFixture<AccessAcrossServersTests.Servers>
{
    [Fact]
    public async Task APersonRemovedOnOneServerLosesTheFeedOnTheOther()
    {
        var ana = await servers.A.SignUpAsync("ana", "Ana");
        var bo = await servers.A.SignUpAsync("bo", "Bo");
        var (document, _) = await ana.Client.CreateAsync("Removed across servers", "one\n");
        await ana.GrantAsync(document.Id, bo, "editor");
        var changes = Channel.CreateUnbounded<AccessChange>();
        await using var boOnB = new HubConnectionBuilder()
            .WithUrl(new Uri(servers.B.Address, DocumentHub.Path), HttpTransportType.WebSockets, o => o.AccessTokenProvider = () => Task.FromResult<string?>(bo.AccessToken))
            .Build();
        boOnB.On<AccessChange>(nameof(IDocumentClient.AccessChanged), c => changes.Writer.TryWrite(c));
        await boOnB.StartAsync();
        await boOnB.InvokeAsync(nameof(DocumentHub.JoinDocument), document.Id);
        await boOnB.InvokeAsync(nameof(DocumentHub.Typing), document.Id);

        using (var removed = await ana.Client.DeleteAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(bo.Email)}"))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        var change = await changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((document.Id, (DocumentRole?)null), (change.DocumentId, change.Role));
        await Assert.ThrowsAsync<HubException>(() => boOnB.InvokeAsync(nameof(DocumentHub.Typing), document.Id));
    }

    public sealed class Servers() : ServerPair(new Dictionary<string, string> { ["CollabEdit:Access:Mode"] = "Secure" });
}
