using CollabEdit.Web.Features.Realtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CollabEdit.Web.Tests.Realtime;

public sealed class CaretTrackerTests
{
    private static readonly Guid Document = Guid.NewGuid();
    private static readonly Guid OtherDocument = Guid.NewGuid();
    private readonly FakeTimeProvider _clock = new();
    private readonly List<DocumentCarets> _announced = [];
    private readonly PresenceTracker _presence;
    private readonly CaretTracker _carets;

    public CaretTrackerTests()
    {
        _presence = new PresenceTracker(_clock, Options.Create(new RealtimeOptions { PresenceInterval = TimeSpan.Zero }), NullLogger<PresenceTracker>.Instance);
        _carets = Tracker(new CaretOptions());
    }

    [Fact]
    public void AFirstMoveIsAnnouncedAtOnceWithTheNameAColourAndThePositions()
    {
        _carets.Move(Document, "ana-page", "Ana", 3, 5, 9);

        var caret = Assert.Single(Last().Carets);
        Assert.Equal((Document, "Ana", 3, 5, 9), (Last().DocumentId, caret.Name, caret.Version, caret.Anchor, caret.Head));
        Assert.Equal(CaretColours.For("Ana"), caret.Colour);
        Assert.Equal(_carets.IdOf("ana-page"), caret.Id);
        Assert.NotEqual("ana-page", caret.Id);
    }

    [Fact]
    public void ASameNameHasTheSameColourAndColoursComeFromThePalette()
    {
        Assert.Equal(CaretColours.For("Ana"), CaretColours.For("Ana"));
        Assert.Contains(CaretColours.For("Bo"), CaretColours.Palette);
        var colours = Enumerable.Range(0, 40).Select(i => CaretColours.For($"Person {i}")).Distinct().Count();
        Assert.True(colours >= 6, $"40 names got only {colours} colours");
    }

    [Fact]
    public void AFloodOfMovesIsTakenAtMostFourTimesASecondAndTheLatestWins()
    {
        for (var i = 0; i < 100; i++)
        {
            _carets.Move(Document, "ana-page", "Ana", 1, i, i);
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        // One second of moves, one every 10 ms: the first at once, then one per 250 ms.
        Assert.InRange(Count(), 4, 5);
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(99, Last().Carets.Single().Head);
        Assert.Equal(99, _carets.Of(Document).Carets.Single().Head);
        var positions = Heads("Ana");
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void MovesOfManyPeopleAreAnnouncedTogetherAFewTimesASecond()
    {
        for (var tick = 0; tick < 10; tick++)
        {
            for (var person = 0; person < 30; person++)
            {
                _carets.Move(Document, $"page-{person}", $"Person {person}", 1, tick, tick);
            }

            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        _clock.Advance(TimeSpan.FromMilliseconds(500));

        // 300 moves in one second: at most one announcement per 200 ms (the first at once), never one per move.
        Assert.InRange(Count(), 4, 8);
        Assert.All(Last().Carets, c => Assert.Equal(9, c.Head));
    }

    [Fact]
    public void AnAnnouncementCarriesAtMostTwentyCaretsTheMostRecentlyMovedAndCountsTheRest()
    {
        for (var person = 0; person < 25; person++)
        {
            _carets.Move(Document, $"page-{person}", $"Person {person}", 1, person, person);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));

        var carets = _carets.Of(Document);
        Assert.Equal(20, carets.Carets.Count);
        Assert.Equal(5, carets.Others);
        Assert.Equal("Person 24", carets.Carets[0].Name);
        Assert.DoesNotContain(carets.Carets, c => c.Name == "Person 0");
        Assert.Equal(carets, Last(), new SameCarets());
    }

    [Fact]
    public void ADocumentKeepsAtMostItsCapOfCaretsAndRefusesMoreWithoutGrowing()
    {
        var carets = Tracker(new CaretOptions { MaxCaretsPerDocument = 3 });
        for (var person = 0; person < 3; person++)
        {
            Assert.True(carets.Move(Document, $"page-{person}", $"Person {person}", 1, 0, 0));
        }

        Assert.False(carets.Move(Document, "page-3", "Person 3", 1, 0, 0));
        Assert.True(carets.Move(Document, "page-0", "Person 0", 1, 4, 4));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, carets.Of(Document).Carets.Count + carets.Of(Document).Others);
    }

    [Fact]
    public void ACaretGoesWhenItsPageLeavesThePresenceOfTheDocumentAndThatIsAnnounced()
    {
        _presence.Join(Document, "ana-page", "Ana");
        _presence.Join(Document, "bo-page", "Bo");
        _carets.Move(Document, "ana-page", "Ana", 1, 1, 1);
        _carets.Move(Document, "bo-page", "Bo", 1, 2, 2);
        _clock.Advance(TimeSpan.FromSeconds(1));

        _presence.Leave(Document, "ana-page");
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["Bo"], Last().Carets.Select(c => c.Name));
        Assert.Equal(["Bo"], _carets.Of(Document).Carets.Select(c => c.Name));
    }

    [Fact]
    public void TheLastCaretLeavingIsAnnouncedAsNoneAndTheDocumentIsForgotten()
    {
        _carets.Move(Document, "ana-page", "Ana", 1, 1, 1);
        _clock.Advance(TimeSpan.FromSeconds(1));

        _carets.Leave(Document, "ana-page");
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(Last().Carets);
        Assert.Equal(0, _carets.DocumentCount);

        // And a move after that starts afresh.
        _carets.Move(Document, "ana-page", "Ana", 1, 7, 7);
        Assert.Equal(7, Last().Carets.Single().Head);
    }

    [Fact]
    public void TwoDocumentsAreApartInCaretsAndInAnnouncements()
    {
        _carets.Move(Document, "ana-page", "Ana", 1, 1, 1);
        _carets.Move(OtherDocument, "bo-page", "Bo", 1, 2, 2);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["Ana"], _carets.Of(Document).Carets.Select(c => c.Name));
        Assert.Equal(["Bo"], _carets.Of(OtherDocument).Carets.Select(c => c.Name));
        Assert.All(Announced(), a => Assert.Equal(a.DocumentId == Document ? "Ana" : "Bo", a.Carets.Single().Name));

        // A flood in one document does not hold back the other's first move.
        for (var i = 0; i < 20; i++)
        {
            _carets.Move(Document, "ana-page", "Ana", 1, i, i);
        }

        _carets.Move(OtherDocument, "carl-page", "Carl", 1, 3, 3);
        Assert.Contains("Carl", Last().Carets.Select(c => c.Name));
    }

    [Fact]
    public void NegativePositionsCountAsTheStartOfTheText()
    {
        _carets.Move(Document, "ana-page", "Ana", -1, -5, -3);

        var caret = Last().Carets.Single();
        Assert.Equal((0, 0, 0), (caret.Version, caret.Anchor, caret.Head));
    }

    [Fact]
    public async Task AnOpenEditorSeesTheOthersCaretsButNeverItsOwn()
    {
        var shown = new List<IReadOnlyList<Caret>>();
        using var ana = new CaretSession(_carets, Document, "ana-page", "Ana", carets =>
        {
            lock (shown)
            {
                shown.Add(carets);
            }

            return Task.CompletedTask;
        });

        ana.Move(1, 4, 4);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _carets.Move(Document, "bo-page", "Bo", 1, 2, 8);
        _clock.Advance(TimeSpan.FromSeconds(1));

        await WaitUntilAsync(() => shown.Any(s => s.Count == 1));
        lock (shown)
        {
            Assert.All(shown, s => Assert.DoesNotContain(s, c => c.Name == "Ana"));
            Assert.Equal((2, 8), (shown[^1].Single().Anchor, shown[^1].Single().Head));
        }

        ana.Dispose();
        Assert.Equal(["Bo"], _carets.Of(Document).Carets.Select(c => c.Name));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private CaretTracker Tracker(CaretOptions options)
    {
        var tracker = new CaretTracker(_clock, Options.Create(options), Options.Create(new RealtimeOptions()), _presence, NullLogger<CaretTracker>.Instance);
        tracker.OnEveryChange(change =>
        {
            lock (_announced)
            {
                _announced.Add(change);
            }
        });
        return tracker;
    }

    private List<int> Heads(string name)
    {
        lock (_announced)
        {
            return [.. _announced.SelectMany(a => a.Carets).Where(c => c.Name == name).Select(c => c.Head)];
        }
    }

    private List<DocumentCarets> Announced()
    {
        lock (_announced)
        {
            return [.. _announced];
        }
    }

    private DocumentCarets Last()
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

    /// <summary>Records with lists compare the lists by reference; these compare what they hold.</summary>
    private sealed class SameCarets : IEqualityComparer<DocumentCarets>
    {
        public bool Equals(DocumentCarets? x, DocumentCarets? y) =>
            x is not null && y is not null && x.DocumentId == y.DocumentId && x.Others == y.Others && x.Carets.SequenceEqual(y.Carets);

        public int GetHashCode(DocumentCarets obj) => obj.DocumentId.GetHashCode();
    }
}
