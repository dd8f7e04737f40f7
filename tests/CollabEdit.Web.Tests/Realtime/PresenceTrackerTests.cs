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
        _presence = new PresenceTracker(_clock, Options.Create(new RealtimeOptions { TypingWindow = TimeSpan.FromSeconds(4) }), NullLogger<PresenceTracker>.Instance);
        _presence.OnEveryChange(change =>
        {
            lock (_announced)
            {
                _announced.Add(change);
            }
        });
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
