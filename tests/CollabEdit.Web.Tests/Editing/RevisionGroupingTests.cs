using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;

namespace CollabEdit.Web.Tests.Editing;

public sealed class RevisionGroupingTests
{
    private static readonly DateTime Ten = new(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void VersionsByOnePersonInOneSittingAreOneEntryNewestFirst()
    {
        var history = NewestFirst(("Ana", 0), ("Ana", 1), ("Ana", 3), ("Ana", 9), ("Ana", 15));

        var entries = RevisionGrouping.Group(history, currentVersion: 99);

        var entry = Assert.Single(entries);
        Assert.True(entry.IsGroup);
        Assert.Equal([5, 4, 3, 2, 1], entry.Revisions.Select(r => r.Version));
        Assert.Equal("Ana, 10:00–10:15, 5 versions", entry.Describe(TimeZoneInfo.Utc));
        Assert.Equal("v1–v5 · 2026-12-07", entry.Span(TimeZoneInfo.Utc));
        Assert.Equal((1, 5), entry.Changes);
    }

    [Fact]
    public void APauseOfTenMinutesOrMoreStartsANewSitting()
    {
        var history = NewestFirst(("Ana", 0), ("Ana", 2), ("Ana", 12), ("Ana", 21));

        var entries = RevisionGrouping.Group(history, currentVersion: 99);

        // 2 → 12 is a pause of exactly ten minutes: a new sitting; 12 → 21 is under ten: the same one.
        Assert.Equal([[4, 3], [2, 1]], entries.Select(e => e.Revisions.Select(r => r.Version).ToArray()));
        Assert.Equal((2, 4), entries[0].Changes);
    }

    [Fact]
    public void AnotherAuthorInBetweenSplitsTheSitting()
    {
        var history = NewestFirst(("Ana", 0), ("Ana", 1), ("Bo", 2), ("Ana", 3), ("Ana", 4));

        var entries = RevisionGrouping.Group(history, currentVersion: 99);

        Assert.Equal(["Ana", "Bo", "Ana"], entries.Select(e => e.Author));
        Assert.Equal([true, false, true], entries.Select(e => e.IsGroup));
        Assert.Equal(3, entries[1].Newest.Version);
    }

    [Fact]
    public void AuthorsAreComparedExactly()
    {
        var entries = RevisionGrouping.Group(NewestFirst(("Ana", 0), ("ana", 1)), currentVersion: 99);

        Assert.Equal(2, entries.Count);
    }

    [Fact]
    public void ASingleVersionIsAPlainEntry()
    {
        var entry = Assert.Single(RevisionGrouping.Group(NewestFirst(("Ana", 0)), currentVersion: 1));

        Assert.False(entry.IsGroup);
        Assert.Equal(1, entry.Newest.Version);
    }

    [Fact]
    public void NoVersionsAreNoEntries()
    {
        Assert.Empty(RevisionGrouping.Group([], currentVersion: 0));
    }

    [Fact]
    public void TheCurrentVersionIsNeverFoldedIntoAGroup()
    {
        var history = NewestFirst(("Ana", 0), ("Ana", 1), ("Ana", 2), ("Ana", 3));

        var atTheTop = RevisionGrouping.Group(history, currentVersion: 4);
        var inTheMiddle = RevisionGrouping.Group(history, currentVersion: 2);

        Assert.Equal([[4], [3, 2, 1]], atTheTop.Select(e => e.Revisions.Select(r => r.Version).ToArray()));
        Assert.Equal([[4, 3], [2], [1]], inTheMiddle.Select(e => e.Revisions.Select(r => r.Version).ToArray()));
    }

    [Fact]
    public void AGroupKeepsItsKeyWhileTheSittingGoesOn()
    {
        var before = RevisionGrouping.Group(NewestFirst(("Ana", 0), ("Ana", 1), ("Ana", 2)), currentVersion: 3);
        var after = RevisionGrouping.Group(NewestFirst(("Ana", 0), ("Ana", 1), ("Ana", 2), ("Ana", 3)), currentVersion: 4);

        Assert.Equal(before[1].Key, after[1].Key);
        Assert.Equal(3, after[1].Revisions.Count);
    }

    [Fact]
    public void TimesAreInTheReadersZoneAndASittingOverMidnightShowsBothDays()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        // 14:56 and 15:04 UTC are 23:56 and 00:04 the next day in Tokyo.
        var history = NewestFirst(("Ana", 296), ("Ana", 304));

        var entry = Assert.Single(RevisionGrouping.Group(history, currentVersion: 99));

        Assert.Equal("Ana, 23:56–00:04, 2 versions", entry.Describe(tokyo));
        Assert.Equal("v1–v2 · 2026-12-07 – 2026-12-08", entry.Span(tokyo));
    }

    /// <summary>Versions 1, 2, … saved by these authors at these minutes after 10:00 UTC, listed newest first (as the store lists them).</summary>
    private static List<RevisionInfo> NewestFirst(params (string Author, int Minute)[] saves) =>
        saves.Select((save, i) => new RevisionInfo(i + 1, "Notes", save.Author, Ten.AddMinutes(save.Minute), i == 0 ? null : i, 100, $"hash{i}"))
            .Reverse()
            .ToList();
}
