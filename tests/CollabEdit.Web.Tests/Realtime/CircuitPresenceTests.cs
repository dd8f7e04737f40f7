using CollabEdit.Web.Features.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>A tab's presence follows its connection: gone when it drops, back when it reconnects.</summary>
public sealed class CircuitPresenceTests
{
    private static readonly Guid Document = Guid.NewGuid();
    private readonly PresenceTracker _presence = new(new FakeTimeProvider(), Options.Create(new RealtimeOptions()), NullLogger<PresenceTracker>.Instance);

    [Fact]
    public async Task ATabWhoseConnectionDropsLeavesAndComesBackWhenItReconnects()
    {
        var tab = new CircuitPresence(_presence);
        _presence.Join(Document, "other", "Bo");
        tab.Join(Document, "editor-1", "Ana");
        Assert.Equal(["Ana", "Bo"], Names());

        await tab.OnConnectionDownAsync(null!, CancellationToken.None);
        Assert.Equal(["Bo"], Names());

        // A name given while the connection is down is kept for when it comes back, not shown meanwhile.
        tab.Join(Document, "editor-1", "Ana L.");
        Assert.Equal(["Bo"], Names());

        await tab.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(["Ana L.", "Bo"], Names());

        tab.Leave(Document, "editor-1");
        await tab.OnConnectionDownAsync(null!, CancellationToken.None);
        await tab.OnConnectionUpAsync(null!, CancellationToken.None);
        Assert.Equal(["Bo"], Names());
    }

    private List<string> Names() => _presence.Of(Document).Viewers.Select(v => v.Name).ToList();
}
