using CollabEdit.Web.Features.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>The hub's per-connection outboxes, with a stand-in for the network where one connection never takes anything.</summary>
public sealed class HubFollowersTests
{
    private static readonly Guid Document = Guid.NewGuid();

    [Fact]
    public async Task AConnectionThatStopsTakingMessagesHoldsABoundedQueueDelaysNobodyAndIsDisconnected()
    {
        var received = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var stuck = new TaskCompletionSource();
        var followers = new HubFollowers(
            (connectionId, _, _, cancellationToken) =>
            {
                if (connectionId == "stuck")
                {
                    return stuck.Task.WaitAsync(cancellationToken);
                }

                received.AddOrUpdate(connectionId, 1, (_, n) => n + 1);
                return Task.CompletedTask;
            },
            Options.Create(new RealtimeOptions { ListenerTimeout = TimeSpan.FromSeconds(1) }),
            NullLogger<HubFollowers>.Instance);
        var aborted = new TaskCompletionSource();
        followers.Connected("stuck", () => aborted.TrySetResult());
        followers.Connected("healthy", () => { });
        followers.Follow(Document, "stuck");
        followers.Follow(Document, "healthy");

        for (var i = 0; i < 1_000; i++)
        {
            followers.Publish(Document, nameof(IDocumentClient.VersionBumped), i);
        }

        Assert.InRange(followers.Waiting("stuck"), 0, HubFollowers.OutboxCapacity);
        await WaitUntilAsync(() => received.GetValueOrDefault("healthy") > 0 && followers.Waiting("healthy") == 0);
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // Gone from the document: later announcements no longer queue for it.
        followers.Publish(Document, nameof(IDocumentClient.VersionBumped), 1_000);
        Assert.Equal(0, followers.Waiting("stuck"));
        followers.Dispose();
    }

    [Fact]
    public void AnAccountIsCappedAtItsFewDozenButAnAddressOfPeopleNotSignedInAtTheAddressCap()
    {
        var options = new RealtimeOptions { MaxHubConnectionsPerAccount = 3, MaxFollowersPerAccountPerDocument = 2, MaxConnectionsPerAddress = 6 };
        var followers = new HubFollowers((_, _, _, _) => Task.CompletedTask, Options.Create(options), NullLogger<HubFollowers>.Instance);
        var account = Features.RateLimiting.ClientRateLimiter.ClientKeyOfUser("eve");
        var office = Features.RateLimiting.ClientRateLimiter.AddressKey(System.Net.IPAddress.Parse("203.0.113.7"));

        var accountHeld = Enumerable.Range(0, 10).Count(i => followers.Connected($"a{i}", account, () => { }));
        var officeHeld = Enumerable.Range(0, 10).Count(i => followers.Connected($"o{i}", office, () => { }));
        var accountFollowing = Enumerable.Range(0, 3).Count(i => followers.Follow(Document, $"a{i}"));
        var officeFollowing = Enumerable.Range(0, 6).Count(i => followers.Follow(Document, $"o{i}"));

        Assert.Equal((3, 6), (accountHeld, officeHeld));
        Assert.Equal((2, 6), (accountFollowing, officeFollowing));
        followers.Dispose();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
