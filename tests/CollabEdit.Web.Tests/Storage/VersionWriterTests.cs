using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Storage;

/// <summary>
/// The save port as registered for the database under test (SQLite's group-committing writer, or PostgreSQL's
/// one-statement save), against a real database: the guarded UPDATE refuses a locked document atomically.
/// </summary>
public sealed class VersionWriterTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public void TheWriterIsTheOneForTheConfiguredDatabase()
    {
        var writer = factory.Services.GetRequiredService<IVersionWriter>();

        Assert.Equal(
            CollabEditApiFactory.Storage == Web.Storage.StorageProvider.Postgres ? typeof(Web.Storage.PostgresVersionWriter) : typeof(Web.Storage.SqliteVersionWriter),
            writer.GetType());
    }

    [Fact]
    public async Task ALockedDocumentRefusesASaveAtItsCurrentVersionAndWritesNothing()
    {
        var (created, _) = await _client.CreateAsync("Locked before the save", "one\n");
        Assert.IsType<LockChangeOutcome.Changed>(await SetLockAsync(created.Id, locked: true));
        var edit = new DocumentEdit("one\ntwo\n", null, ExpectedVersion: 1, BaseVersion: 1, "Bo");

        var facts = await Writer.WriteAsync(created.Id, edit, DateTime.UtcNow, CancellationToken.None);

        var locked = Assert.IsType<SaveOutcome.Locked>(SaveDecision.Decide(facts, edit));
        Assert.Equal(1, locked.Current.CurrentVersion);
        Assert.Equal("Ana", locked.Current.LockedBy);
        Assert.Equal(1, await RevisionCountAsync(created.Id));
    }

    [Fact]
    public async Task AfterAnUnlockTheSameSaveIsWritten()
    {
        var (created, _) = await _client.CreateAsync("Locked then unlocked", "one\n");
        await SetLockAsync(created.Id, locked: true);
        Assert.IsType<LockChangeOutcome.Unchanged>(await SetLockAsync(created.Id, locked: true));
        Assert.IsType<LockChangeOutcome.Changed>(await SetLockAsync(created.Id, locked: false));
        var edit = new DocumentEdit("one\ntwo\n", null, ExpectedVersion: 1, BaseVersion: 1, "Bo");

        var facts = await Writer.WriteAsync(created.Id, edit, DateTime.UtcNow, CancellationToken.None);

        Assert.IsType<SaveOutcome.Saved>(SaveDecision.Decide(facts, edit));
        await using var scope = factory.OpenDb();
        var kinds = await scope.Db.DocumentEvents.Where(e => e.DocumentId == created.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync();
        Assert.Equal([DocumentEventKind.Locked, DocumentEventKind.Unlocked], kinds);
    }

    [Fact]
    public async Task ALockRacingManySavesLetsNoSaveThroughAfterIt()
    {
        var (created, _) = await _client.CreateAsync("Raced by a lock", "line 0\n");
        const int Writers = 24;
        using var start = new SemaphoreSlim(0);
        using var giveUp = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var savedSoFar = 0;
        var enoughSaved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saves = Enumerable.Range(1, Writers).Select(async writer =>
        {
            await start.WaitAsync();
            var outcomes = new List<SaveOutcome>();

            // Each writer keeps saving until it meets the lock, however slow the machine is: a fixed number of
            // attempts could all finish before the lock is taken on a loaded CI machine.
            for (var attempt = 0; !giveUp.IsCancellationRequested; attempt++)
            {
                // Each writer saves on top of whatever it last saw, as a script that re-reads would.
                var edit = new DocumentEdit($"line 0\nwriter {writer} attempt {attempt}\n", null, ExpectedVersion: null, BaseVersion: null, $"writer {writer}");
                var outcome = SaveDecision.Decide(await Writer.WriteAsync(created.Id, edit, DateTime.UtcNow, CancellationToken.None), edit);
                outcomes.Add(outcome);
                if (outcome is SaveOutcome.Locked)
                {
                    break;
                }

                if (Interlocked.Increment(ref savedSoFar) >= Writers)
                {
                    enoughSaved.TrySetResult();
                }
            }

            return outcomes;
        }).ToList();
        start.Release(Writers);
        await enoughSaved.Task.WaitAsync(giveUp.Token);

        var lockOutcome = Assert.IsType<LockChangeOutcome.Changed>(await SetLockAsync(created.Id, locked: true));
        var perWriter = await Task.WhenAll(saves);
        var all = perWriter.SelectMany(o => o).ToList();

        // The lock saw some version N; nothing was written after it, whatever the writers did.
        var versionAtLock = lockOutcome.Current.CurrentVersion;
        await using var scope = factory.OpenDb();
        var head = await scope.Db.Documents.AsNoTracking().SingleAsync(d => d.Id == created.Id);
        Assert.Equal(versionAtLock, head.CurrentVersion);
        Assert.Equal(versionAtLock, await RevisionCountAsync(created.Id));
        Assert.All(all, outcome => Assert.True(outcome is SaveOutcome.Saved or SaveOutcome.Locked, $"unexpected {outcome}"));
        Assert.All(all.OfType<SaveOutcome.Saved>(), saved => Assert.True(saved.Document.Head.CurrentVersion <= versionAtLock));
        Assert.Equal(versionAtLock - 1, all.Count(outcome => outcome is SaveOutcome.Saved));
        Assert.All(perWriter, outcomes => Assert.IsType<SaveOutcome.Locked>(outcomes[^1]));
    }

    private IVersionWriter Writer => factory.Services.GetRequiredService<IVersionWriter>();

    private async Task<LockChangeOutcome> SetLockAsync(Guid id, bool locked)
    {
        await using var scope = factory.OpenDb();
        var store = new DocumentStore(scope.Db, TimeProvider.System);
        var recorded = new DocumentEvent { Kind = locked ? DocumentEventKind.Locked : DocumentEventKind.Unlocked, Actor = "Ana" };
        return await store.SetLockAsync(id, locked, recorded, CancellationToken.None);
    }

    private async Task<int> RevisionCountAsync(Guid id)
    {
        await using var scope = factory.OpenDb();
        return await scope.Db.Revisions.CountAsync(r => r.DocumentId == id);
    }
}
