using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Locks;

/// <summary>
/// Saves racing a lock, many writers at once (SQLite's group commit, PostgreSQL's parallel statements): exactly one
/// order holds. Every save that won landed before the lock (its version is at most the one the lock answered), every
/// save that lost is a 409 document-locked or a stale base, and nothing is written after the lock.
/// </summary>
public sealed class LockRaceTests(LockRaceTests.People people) : IClassFixture<LockRaceTests.People>
{
    private const int Writers = 8;

    /// <summary>A writer stops once the lock refused it (or after this many saves, which the lock comes long before).</summary>
    private const int MaxSavesPerWriter = 400;

    public sealed class People : IAsyncLifetime
    {
        public SecureApiFactory Factory { get; } = new();
        public Account Owner { get; private set; } = default!;
        public Account Editor { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Owner = await Factory.SignUpAsync("race-owner", "Ana");
            Editor = await Factory.SignUpAsync("race-editor", "Ed");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Fact]
    public async Task ASaveRacingALockEitherLandsBeforeItOrIsRefusedAndNothingIsWrittenAfter()
    {
        var (document, _) = await people.Owner.Client.CreateAsync("Race the lock", "v1\n");
        await people.Owner.GrantAsync(document.Id, people.Editor, "editor");
        var won = new ConcurrentBag<int>();
        var lost = new ConcurrentBag<(HttpStatusCode Status, string? Type)>();

        async Task WriteAsync(int writer)
        {
            var client = writer % 2 == 0 ? people.Editor.Client : people.Owner.Client;
            var baseVersion = 1;
            for (var i = 0; i < MaxSavesPerWriter; i++)
            {
                // Half overwrite on purpose (If-Match: *), half name their base: the lock must hold against both.
                using var request = writer % 4 < 2
                    ? ApiClient.Put(document.Id.ToString(), new { content = $"w{writer} s{i}\n" }, "*")
                    : ApiClient.Put(document.Id.ToString(), new { content = $"w{writer} s{i}\n", baseVersion });
                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var saved = (await response.ReadAsync<JsonElement>()).GetProperty("version").GetInt32();
                    won.Add(saved);
                    baseVersion = saved;
                    continue;
                }

                var problem = await response.ReadProblemAsync();
                var type = problem.GetProperty("type").GetString();
                lost.Add((response.StatusCode, type));
                if (type == ProblemTypes.DocumentLocked)
                {
                    return;
                }

                if (problem.TryGetProperty("currentVersion", out var current))
                {
                    baseVersion = current.GetInt32();
                }
            }
        }

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))).ToList();
        await Task.Delay(100);
        using var locked = await people.Owner.Client.PutAsync($"/api/documents/{document.Id}/lock", null);
        await Task.WhenAll(writers);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var versionAtLock = (await locked.ReadAsync<JsonElement>()).GetProperty("version").GetInt32();
        var final = await (await people.Owner.Client.GetAsync($"/api/documents/{document.Id}")).ReadAsync<JsonElement>();

        // Nothing after the lock: the document is where the lock found it, and every acknowledged save is at or before it.
        Assert.Equal(versionAtLock, final.GetProperty("version").GetInt32());
        Assert.True(final.GetProperty("locked").GetBoolean());
        Assert.All(won, version => Assert.True(version <= versionAtLock, $"v{version} was acknowledged after the lock at v{versionAtLock}"));
        Assert.Equal(won.Count, won.Distinct().Count());
        Assert.Equal(versionAtLock - 1, won.Count);

        // Every lost save says why: locked, or (before the lock) a newer version than its base. Never a silent write.
        Assert.All(lost, l => Assert.True(
            l is (HttpStatusCode.Conflict, ProblemTypes.DocumentLocked) or (HttpStatusCode.Conflict, ProblemTypes.StaleBaseVersion),
            $"{(int)l.Status} {l.Type}"));
        Assert.Equal(Writers, lost.Count(l => l.Type == ProblemTypes.DocumentLocked));
    }
}
