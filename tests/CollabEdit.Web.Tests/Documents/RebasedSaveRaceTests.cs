using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// Many autosaves racing on one document, each on the same old base: none is bounced back, every change lands, and
/// the versions follow each other with no gap and no duplicate.
/// </summary>
public sealed class RebasedSaveRaceTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private const int Writers = 40;

    private CommandPipeline Commands => factory.Services.GetRequiredService<CommandPipeline>();

    [Fact]
    public async Task FortyParallelWritersOnTheSameOldBaseAllLandWithNoneBouncedAndConsecutiveVersions()
    {
        var start = string.Concat(Enumerable.Range(0, Writers).Select(i => $"line {i:D2}\n"));
        var created = await CreateAsync("Forty writers", start);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(() =>
        {
            var changes = RebasedSaveTests.Replace(start, $"line {writer:D2}\n", $"line {writer:D2}, by w{writer}\n");
            return Commands.SendAsync(SaveDocumentCommand.RebasedOnBase(created.Head.Id, changes, null, 1, new DocumentActor($"w{writer}")), CancellationToken.None);
        })));

        var saved = outcomes.Select(o => Assert.IsType<DocumentOutcome.Saved>(o)).ToList();
        Assert.All(saved, s => Assert.True(s.Changed));
        Assert.Equal(Enumerable.Range(2, Writers), saved.Select(s => s.Document.Head.CurrentVersion).Order());
        Assert.All(saved.Where(s => s.Rebased is not null), s => Assert.Empty(s.Rebased!.Conflicts));
        var expected = string.Concat(Enumerable.Range(0, Writers).Select(i => $"line {i:D2}, by w{i}\n"));
        await using var scope = factory.OpenDb();
        var store = new Web.Storage.DocumentStore(scope.Db, TimeProvider.System);
        Assert.Equal(expected, await store.TextAsync(created.Head.Id, Writers + 1, CancellationToken.None));
        var versions = await scope.Db.Revisions.Where(r => r.DocumentId == created.Head.Id).OrderBy(r => r.Version).Select(r => new { r.Version, r.BaseVersion }).ToListAsync();
        Assert.Equal(Enumerable.Range(1, Writers + 1), versions.Select(v => v.Version));
        Assert.All(versions.Skip(1), v => Assert.Equal(1, v.BaseVersion));
    }

    [Fact]
    public async Task TypistsWhoEachSaveOnTheirOwnLastVersionConvergeWithEveryWordKept()
    {
        // As editors do: each typist's next save is based on the version its last save answered, rebased over the others'.
        const int typists = 12;
        const int rounds = 5;
        var start = string.Concat(Enumerable.Range(0, typists).Select(i => $"typist {i:D2}:\n"));
        var created = await CreateAsync("Typists", start);

        await Task.WhenAll(Enumerable.Range(0, typists).Select(typist => Task.Run(async () =>
        {
            var (text, version) = (start, 1);
            for (var round = 0; round < rounds; round++)
            {
                var lineEnd = text.IndexOf('\n', text.IndexOf($"typist {typist:D2}:", StringComparison.Ordinal));
                var changes = ChangeSet.Of(text.Length, [new TextChange(lineEnd, lineEnd, $" w{round}")]);
                var outcome = await Commands.SendAsync(
                    SaveDocumentCommand.RebasedOnBase(created.Head.Id, changes, null, version, new DocumentActor($"t{typist}")), CancellationToken.None);
                var saved = Assert.IsType<DocumentOutcome.Saved>(outcome);
                Assert.Equal(saved.Document.Content, saved.Rebased is { } rebased ? rebased.ToSaved.Apply(changes.Apply(text)) : changes.Apply(text));
                (text, version) = (saved.Document.Content, saved.Document.Head.CurrentVersion);
            }
        })));

        await using var scope = factory.OpenDb();
        var head = await scope.Db.Documents.SingleAsync(d => d.Id == created.Head.Id);
        Assert.Equal(1 + typists * rounds, head.CurrentVersion);
        var final = await new Web.Storage.DocumentStore(scope.Db, TimeProvider.System).TextAsync(created.Head.Id, head.CurrentVersion, CancellationToken.None);
        Assert.Equal(string.Concat(Enumerable.Range(0, typists).Select(i => $"typist {i:D2}: w0 w1 w2 w3 w4\n")), final);
    }

    private async Task<DocumentSnapshot> CreateAsync(string title, string content) =>
        Assert.IsType<DocumentOutcome.Created>(await Commands.SendAsync(new CreateDocumentCommand(title, null, content, new DocumentActor("Ana")), CancellationToken.None)).Document;
}
