using CollabEdit.Web.Features.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CollabEdit.Web.Tests.Realtime;

public sealed class PresenceTrackerTests
{
    private static readonly Guid Document = Guid.NewGuid();
    private readonly FakeTimeProvider _clock = new();
    private readonly List<Presence> _announced = [];
    private readonly PresenceTracker _presence;

    public PresenceTrackerTests()
    {
        _presence = Tracker(new RealtimeOptions { TypingWindow = TimeSpan.FromSeconds(4), PresenceInterval = TimeSpan.Zero });
    }

    [Fact]
    public void TypingExpiresAFewSecondsAfterTheLastKeystrokeAndThatIsAnnounced()
    {
        _presence.Join(Document, "ana", "Ana");
        _presence.Typing(Document, "ana");
        Assert.True(Last().Viewers.Single().Typing);

        _clock.Advance(TimeSpan.FromSeconds(3));
        _presence.Typing(Document, "ana");
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.True(Last().Viewers.Single().Typing);

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.False(Last().Viewers.Single().Typing);
        Assert.False(_presence.Of(Document).Viewers.Single().Typing);
    }

    [Fact]
    public void KeystrokesWhileTypingAreNotAnnouncedOneByOne()
    {
        _presence.Join(Document, "ana", "Ana");
        var before = Count();

        for (var i = 0; i < 50; i++)
        {
            _presence.Typing(Document, "ana");
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(before + 1, Count());
    }

    [Fact]
    public void ManyJoinsAtOnceAreAnnouncedAFewTimesNotOncePerJoin()
    {
        // 300 joins used to send the whole list 300 times to every follower.
        var presence = Tracker(new RealtimeOptions { PresenceInterval = TimeSpan.FromMilliseconds(250) });

        for (var i = 0; i < 300; i++)
        {
            presence.Join(Document, $"c{i}", $"Viewer {i:D3}");
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        _clock.Advance(TimeSpan.FromMilliseconds(250));

        // The first join at once, then one announcement per 250 ms with the newest state.
        Assert.InRange(Count(), 2, 3);
        Assert.Equal(50, Last().Viewers.Count);
        Assert.Equal(250, Last().Others);
    }

    [Fact]
    public void AQuietDocumentAnnouncesAChangeAtOnce()
    {
        var presence = Tracker(new RealtimeOptions { PresenceInterval = TimeSpan.FromMilliseconds(250) });
        presence.Join(Document, "ana", "Ana");
        _clock.Advance(TimeSpan.FromSeconds(1));

        presence.Join(Document, "bo", "Bo");

        Assert.Equal(["Ana", "Bo"], Last().Viewers.Select(v => v.Name));
    }

    [Fact]
    public void ADocumentTakesNoMoreFollowersThanItsCap()
    {
        var presence = Tracker(new RealtimeOptions { MaxViewersPerDocument = 3, PresenceInterval = TimeSpan.Zero });

        var joined = Enumerable.Range(0, 5).Select(i => presence.TryJoin(Document, $"c{i}", $"V{i}")).ToList();

        Assert.Equal([true, true, true, false, false], joined);
        Assert.True(presence.TryJoin(Document, "c0", "V0 renamed"));
        presence.Leave(Document, "c1");
        Assert.True(presence.TryJoin(Document, "c4", "V4"));
        Assert.Equal(3, presence.Of(Document).Viewers.Count);
    }

    private PresenceTracker Tracker(RealtimeOptions options)
    {
        var tracker = new PresenceTracker(_clock, Options.Create(options), NullLogger<PresenceTracker>.Instance);
        tracker.OnEveryChange(change =>
        {
            lock (_announced)
            {
                _announced.Add(change);
            }
        });
        return tracker;
    }

    private Presence Last()
    {
        lock (_announced)
        {
            return _announced[^1];
        }
    }

    private int Count()
    {
        lock (_announced)
        {
            return _announced.Count;
        }
    }
}
