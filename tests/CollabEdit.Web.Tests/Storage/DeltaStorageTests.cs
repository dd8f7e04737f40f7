using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Storage;

/// <summary>
/// Versions stored as snapshots and deltas, on both databases, with chains capped at 4 deltas so that random
/// histories cross snapshots often: every version reads back byte for byte, a damaged stored form is refused (never
/// served), and the triggers allow nothing but a re-encoding of the stored form.
/// </summary>
public sealed class DeltaStorageTests(DeltaStorageTests.ShortChainsApp app) : IClassFixture<DeltaStorageTests.ShortChainsApp>
{
    private const int MaxChainLength = 4;

    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(25);

    // Pieces that make the texts hard to store: CRLF, emoji (surrogate pairs, a ZWJ sequence), combining marks, Markdown.
    private static readonly Gen<string> Pieces = Gen.Elements("a", "word ", "\n", "\r\n", "😀", "👨‍👩‍👧", "e\u0301", "# ", "- ", "`x`", "東京", "");

    private static readonly Gen<string> Texts = Gen.ListOf(Pieces).Select(parts => string.Concat(parts.Take(60)));

    /// <summary>One save of a random history: where to cut the previous text, how much to remove, what to put in, and how to name the base.</summary>
    private static readonly Gen<(int At, int Remove, string Insert, int How)> Steps =
        from at in Gen.Choose(0, 1000)
        from remove in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(0, 30)), (1, Gen.Choose(0, 1000)))
        from insert in Texts
        from how in Gen.Choose(0, 9)
        select (at, remove, insert, how);

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public void EveryVersionOfARandomHistoryReadsBackByteForByte() =>
        Prop.ForAll(Texts.ToArbitrary(), Gen.ListOf(Steps).Select(s => s.Take(14).ToList()).ToArbitrary(), (first, steps) =>
            Task.Run(() => HistoryReadsBackAsync(first, steps)).GetAwaiter().GetResult()).Check(Config);

    [Fact]
    public async Task SmallEditsAreStoredAsDeltasAndAChainNeverPassesItsCap()
    {
        var text = string.Concat(Enumerable.Range(0, 400).Select(i => $"line {i} of a text that is long enough to compress\n"));
        var (created, _) = await _client.CreateAsync("Chains", text);
        for (var version = 1; version <= 12; version++)
        {
            text = text.Replace($"line {version * 10} ", $"line {version * 10} edited ", StringComparison.Ordinal);
            await SaveAsync(created.Slug, text, version);
        }

        await using var scope = app.OpenDb();
        var rows = await scope.Db.Revisions.AsNoTracking().Where(r => r.DocumentId == created.Id).OrderBy(r => r.Version)
            .Select(r => new { r.Version, r.SnapshotVersion, r.ChainLength, r.StoredSize, r.Size, r.LegacyContent }).ToListAsync();

        Assert.All(rows, r => Assert.Null(r.LegacyContent));
        Assert.All(rows, r => Assert.InRange(r.ChainLength, 0, MaxChainLength));
        Assert.All(rows, r => Assert.Equal(r.Version - r.ChainLength, r.SnapshotVersion));
        // 13 versions, each a snapshot after 4 deltas: snapshots at 1, 6, 11.
        Assert.Equal([1, 6, 11], rows.Where(r => r.ChainLength == 0).Select(r => r.Version));
        Assert.All(rows.Where(r => r.ChainLength > 0), r => Assert.True(r.StoredSize < 200, $"a one-word delta took {r.StoredSize} bytes"));
        Assert.True(rows[0].StoredSize < rows[0].Size / 4, $"the snapshot of {rows[0].Size} bytes took {rows[0].StoredSize}");
    }

    [Fact]
    public async Task ADamagedDeltaIsAProblemAndALoggedErrorAndItsTextIsNeverServed()
    {
        var (created, _) = await _client.CreateAsync("Damaged", "one\ntwo\nthree\n");
        await SaveAsync(created.Slug, "one\n2\nthree\n", 1);
        await SaveAsync(created.Slug, "one\n2\nthree\nfour\n", 2);

        // A delta that decodes, but to other text: only the hash can tell.
        var wrongButValid = RevisionCodec.EncodeDelta(Merging.ChangeSet.Between("one\n2\nthree\n", "one\n2\nthree\nFOUR\n"));
        await TamperAsync(created.Id, 3, wrongButValid);
        using var wrong = await _client.GetAsync($"/api/documents/{created.Slug}/revisions/3");
        using var document = await _client.GetAsync($"/api/documents/{created.Slug}");
        // Bytes that are no Brotli stream at all, and a payload cut short.
        await TamperAsync(created.Id, 3, [RevisionCodec.DeltaTag, 0xFF, 0xFF, 0xFF, 0xFF]);
        using var garbage = await _client.GetAsync($"/api/documents/{created.Slug}/revisions/3");
        await TamperAsync(created.Id, 3, wrongButValid[..^2]);
        using var cut = await _client.GetAsync($"/api/documents/{created.Slug}/revisions/3");

        foreach (var response in new[] { wrong, document, garbage, cut })
        {
            await response.AssertProblemAsync(HttpStatusCode.InternalServerError, ProblemTypes.RevisionCorrupt);
            Assert.DoesNotContain("FOUR", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Contains(app.Logs, log => log.EventId.Id == 1110 && log.Level == Microsoft.Extensions.Logging.LogLevel.Error && log.Message.Contains(created.Id.ToString(), StringComparison.Ordinal));
        // The versions before it still read.
        Assert.Equal("one\n2\nthree\n", (await _client.GetFromJsonAsync<RevisionResponse>($"/api/documents/{created.Slug}/revisions/2", ApiClient.Json))!.Content);

        // A save on top of the damaged version is not refused: stored whole (nothing to build a delta on), it reads back.
        await SaveAsync(created.Slug, "one\n2\nthree\nfour\nfive\n", 3);
        app.Services.GetRequiredService<RevisionTextCache>().Clear();
        Assert.Equal("one\n2\nthree\nfour\nfive\n", (await _client.GetFromJsonAsync<RevisionResponse>($"/api/documents/{created.Slug}/revisions/4", ApiClient.Json))!.Content);
        await using var scope = app.OpenDb();
        Assert.Equal(0, await scope.Db.Revisions.Where(r => r.DocumentId == created.Id && r.Version == 4).Select(r => r.ChainLength).SingleAsync());
    }

    [Fact]
    public async Task ChangesToADamagedVersionAreRefusedAsNotFittingSoTheEditorSendsItsTextAndAStaleSaveOnItIsStillAConflict()
    {
        var (created, _) = await _client.CreateAsync("Damaged base", "one\ntwo\n");
        await SaveAsync(created.Slug, "one\ntwo\nthree\n", 1);
        await TamperAsync(created.Id, 2, RevisionCodec.EncodeDelta(Merging.ChangeSet.Between("one\ntwo\n", "one\nTWO\nthree\n")));
        var commands = app.Services.GetRequiredService<Web.Features.Commands.CommandPipeline>();
        var ana = new DocumentActor("Ana");

        // Changes to v2 cannot be applied to a text that cannot be read back: refused as not fitting (the editor then
        // sends its whole text), not a failure of the save.
        var changes = Merging.ChangeSet.Of(14, [new Merging.TextChange(14, 14, "four\n")]);
        var onDamaged = await commands.SendAsync(SaveDocumentCommand.ChangesOnBase(created.Id, changes, null, 2, ana), CancellationToken.None);
        Assert.Contains("changes", Assert.IsType<DocumentOutcome.Invalid>(onDamaged).Errors.Keys);

        // A stale save whose current version is damaged is still a 409 for a merge, without the text it cannot read.
        using var stale = await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "one\nzwei\n", baseVersion = 1 }));
        await stale.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.StaleBaseVersion);
        Assert.DoesNotContain("currentContent", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTriggersRefuseEveryChangeButARencodingOfTheStoredForm()
    {
        var (created, _) = await _client.CreateAsync("Still append-only", "first\n");
        await SaveAsync(created.Slug, "first\nsecond\n", 1);
        await using var scope = app.OpenDb();
        var db = scope.Db;
        var revisions = db.Revisions.Where(r => r.DocumentId == created.Id && r.Version == 2);
        var stored = await revisions.AsNoTracking().SingleAsync();

        var refused = new List<DbException>
        {
            await Assert.ThrowsAnyAsync<DbException>(() => revisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.ContentHash, "0000"))),
            await Assert.ThrowsAnyAsync<DbException>(() => revisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.Size, 1))),
            await Assert.ThrowsAnyAsync<DbException>(() => revisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.Title, "other"))),
            await Assert.ThrowsAnyAsync<DbException>(() => revisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.Author, "Mallory"))),
            await Assert.ThrowsAnyAsync<DbException>(() => revisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.LegacyContent, "rewritten"))),
            // Neither a text nor a payload: the version would be gone.
            await Assert.ThrowsAnyAsync<DbException>(() => revisions.ExecuteUpdateAsync(s => s.SetProperty(r => r.Payload, (byte[]?)null))),
            await Assert.ThrowsAnyAsync<DbException>(() => revisions.ExecuteDeleteAsync()),
        };
        // A re-encoding (here, to a snapshot of the same text) is what a repack does: allowed.
        var reencoded = await revisions.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Payload, RevisionCodec.EncodeSnapshot("first\nsecond\n")).SetProperty(r => r.SnapshotVersion, 2).SetProperty(r => r.ChainLength, 0));

        Assert.All(refused, e => Assert.Contains("append-only", e.Message, StringComparison.Ordinal));
        Assert.Equal(1, reencoded);
        var after = await revisions.AsNoTracking().SingleAsync();
        Assert.Equal((stored.ContentHash, stored.Size, stored.Title, stored.Author), (after.ContentHash, after.Size, after.Title, after.Author));
        Assert.Equal("first\nsecond\n", await Uncached(db).TextAsync(created.Id, 2, CancellationToken.None));
    }

    private async Task<bool> HistoryReadsBackAsync(string first, List<(int At, int Remove, string Insert, int How)> steps)
    {
        var (created, _) = await _client.CreateAsync("Random history", first);
        var expected = new List<string> { first };
        foreach (var (at, remove, insert, how) in steps)
        {
            var previous = expected[^1];
            var cut = Cut(previous, at % (previous.Length + 1));
            var end = Cut(previous, Math.Min(previous.Length, cut + remove));
            var next = previous[..cut] + insert + previous[end..];
            var version = expected.Count;
            // Mostly a save that names its base (stored as a delta); sometimes If-Match: * (a snapshot, no base known).
            using var saved = await _client.SendAsync(how == 0
                ? ApiClient.Put(created.Slug, new { content = next }, ifMatch: "*")
                : ApiClient.Put(created.Slug, new { content = next, baseVersion = version }));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var answered = await saved.ReadAsync<DocumentResponse>();
            if (answered.Version == version)
            {
                // The same text again makes no new version.
                Assert.Equal(previous, next);
                continue;
            }

            expected.Add(next);
        }

        // From the database, not from the cache the saves filled: newest first, so that every chain is walked.
        app.Services.GetRequiredService<RevisionTextCache>().Clear();
        for (var version = expected.Count; version >= 1; version--)
        {
            var revision = await _client.GetFromJsonAsync<RevisionResponse>($"/api/documents/{created.Slug}/revisions/{version}", ApiClient.Json);
            Assert.Equal(expected[version - 1], revision!.Content);
            Assert.Equal(DocumentRules.ContentHash(expected[version - 1]), revision.ContentHash);
        }

        await using var scope = app.OpenDb();
        var chains = await scope.Db.Revisions.Where(r => r.DocumentId == created.Id).Select(r => r.ChainLength).ToListAsync();
        Assert.All(chains, length => Assert.InRange(length, 0, MaxChainLength));
        return true;
    }

    /// <summary>A position that does not fall inside a surrogate pair.</summary>
    private static int Cut(string text, int at) => at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) ? at - 1 : at;

    private async Task SaveAsync(string slug, string content, int baseVersion)
    {
        using var saved = await _client.SendAsync(ApiClient.Put(slug, new { content, baseVersion }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    /// <summary>Replaces a version's payload behind the app's back (the triggers allow a re-encoding), and empties the cache.</summary>
    private async Task TamperAsync(Guid documentId, int version, byte[] payload)
    {
        await using (var scope = app.OpenDb())
        {
            Assert.Equal(1, await scope.Db.Revisions.Where(r => r.DocumentId == documentId && r.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Payload, payload)));
        }

        app.Services.GetRequiredService<RevisionTextCache>().Clear();
    }

    /// <summary>A store that reads from the database only (a cache of its own, empty).</summary>
    internal static DocumentStore Uncached(CollabEditDbContext db) => new(db, TimeProvider.System, new RevisionTexts(
        new RevisionTextCache(Microsoft.Extensions.Options.Options.Create(new StorageOptions())),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<RevisionTexts>.Instance));

    /// <summary>The app with chains of at most 4 deltas, and no background repack.</summary>
    public sealed class ShortChainsApp : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.MaxChainLength)}"] = MaxChainLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{StorageOptions.SectionName}:{nameof(StorageOptions.Repack)}"] = "false",
        };
    }
}
