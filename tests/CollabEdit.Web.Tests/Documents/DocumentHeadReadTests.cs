using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// The head lookup of every read and write (<see cref="DocumentStore.FindAsync(Guid, CancellationToken)"/>): on SQLite
/// it is read without EF by statements prepared once per native connection, so it must answer exactly what EF reads,
/// every field, and the row as it is now, never one remembered from an earlier call.
/// </summary>
public sealed class DocumentHeadReadTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task TheHeadIsWhatEfReadsEveryFieldLockedOrNotByIdOrSlugInAnyCase()
    {
        var (created, _) = await _client.CreateAsync("Héad réad — ünïcode", "one\n");
        await AssertSameAsEfAsync(created.Id, created.Slug);

        await using (var scope = factory.OpenDb())
        {
            var recorded = new DocumentEvent { Kind = DocumentEventKind.Locked, Actor = "Zoë" };
            Assert.IsType<LockChangeOutcome.Changed>(await new DocumentStore(scope.Db, TimeProvider.System).SetLockAsync(created.Id, true, recorded, CancellationToken.None));
        }

        await AssertSameAsEfAsync(created.Id, created.Slug.ToUpperInvariant());
    }

    [Fact]
    public async Task ANameThatIsNoDocumentReadsAsNone()
    {
        await using var scope = factory.OpenDb();
        var store = new DocumentStore(scope.Db, TimeProvider.System);

        Assert.Null(await store.FindAsync(Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await store.FindAsync("no-such-document-here", CancellationToken.None));
    }

    [Fact]
    public async Task AChangeMadeElsewhereIsSeenByTheNextReadOnTheSameContext()
    {
        var (created, _) = await _client.CreateAsync("Changed elsewhere", "one\n");
        await using var scope = factory.OpenDb();
        var store = new DocumentStore(scope.Db, TimeProvider.System);
        Assert.Equal(1, (await store.FindAsync(created.Id, CancellationToken.None))!.CurrentVersion);

        // Another context (another server, as far as this one knows) moves the head on.
        await using (var other = factory.OpenDb())
        {
            await other.Db.Documents.Where(d => d.Id == created.Id).ExecuteUpdateAsync(set => set.SetProperty(d => d.CurrentVersion, 7));
        }

        Assert.Equal(7, (await store.FindAsync(created.Id, CancellationToken.None))!.CurrentVersion);
        Assert.Equal(7, (await store.FindAsync(created.Slug, CancellationToken.None))!.CurrentVersion);
    }

    private async Task AssertSameAsEfAsync(Guid id, string slugInAnyCase)
    {
        await using var scope = factory.OpenDb();
        var expected = await scope.Db.Documents.AsNoTracking().SingleAsync(d => d.Id == id);
        var store = new DocumentStore(scope.Db, TimeProvider.System);
        foreach (var head in new[] { await store.FindAsync(id, CancellationToken.None), await store.FindAsync(slugInAnyCase, CancellationToken.None) })
        {
            Assert.NotNull(head);
            Assert.Equivalent(expected, head, strict: true);
            Assert.Equal(DateTimeKind.Utc, head.CreatedAt.Kind);
            Assert.Equal(DateTimeKind.Utc, head.UpdatedAt.Kind);
            Assert.Equal(expected.LockedAt?.Kind, head.LockedAt?.Kind);
        }
    }
}
