using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// A save that asks to be rebased (the editor's autosave, the hub's save) and meets newer versions than its base,
/// through the one command pipeline on the real database: rebased onto the newest inside the save instead of refused,
/// theirs kept where both changed the same words, refusals that no merge could help still refused.
/// </summary>
public sealed class RebasedSaveTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private static readonly DocumentActor Ana = new("Ana");
    private static readonly DocumentActor Bo = new("Bo");

    private DocumentService Documents => factory.Services.GetRequiredService<DocumentService>();

    private CommandPipeline Commands => factory.Services.GetRequiredService<CommandPipeline>();

    [Fact]
    public async Task DisjointEditsOfTwoSaversOnOneBaseAreBothKeptAndTheSecondLearnsHowToReachTheSavedText()
    {
        var created = await CreateAsync("Disjoint", "one\ntwo\nthree\n");
        var anas = Replace(created.Content, "one", "ONE");
        var bos = Replace(created.Content, "three", "THREE, by Bo");

        var first = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, anas, Ana));
        var second = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, bos, Bo));

        Assert.Null(first.Rebased);
        Assert.True(second.Changed);
        Assert.Equal((3, "ONE\ntwo\nTHREE, by Bo\n"), (second.Document.Head.CurrentVersion, second.Document.Content));
        var rebased = Assert.IsType<RebasedSave>(second.Rebased);
        Assert.Equal((1, 0, null), (rebased.BaseVersion, rebased.Conflicts.Count, rebased.TheirTitle));
        Assert.Equal(["Ana"], rebased.Authors);
        Assert.Equal(second.Document.Content, rebased.ToSaved.Apply(bos.Apply(created.Content)));
        // The changes announced lead from the newest version before it (v2) to this one: followers receive only them.
        Assert.Equal(second.Document.Content, second.Changes!.Apply(first.Document.Content));
        Assert.Equal("ONE\ntwo\nTHREE, by Bo\n", await TextAsync(created, 3));
        Assert.Equal(1, (await Documents.GetRevisionAsync(created.Head.Id, 3, Bo, CancellationToken.None)).Value!.BaseVersion);
    }

    [Fact]
    public async Task TheSameWordChangedByBothKeepsTheirsAndHandsMineBackAsAConflictWithNoNewVersion()
    {
        var created = await CreateAsync("Same word", "the cat sat\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "cat", "dog"), Ana));

        var saved = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "cat", "cow"), Bo));

        Assert.False(saved.Changed);
        Assert.Equal((2, "the dog sat\n"), (saved.Document.Head.CurrentVersion, saved.Document.Content));
        var conflict = Assert.Single(saved.Rebased!.Conflicts);
        Assert.Contains("cow", conflict.Mine, StringComparison.Ordinal);
        Assert.Contains("dog", conflict.Theirs, StringComparison.Ordinal);
        Assert.Equal(conflict.Theirs, saved.Document.Content[conflict.From..conflict.To]);
        Assert.Equal(["Ana"], saved.Rebased.Authors);
        Assert.Equal("the dog sat\n", saved.Rebased.ToSaved.Apply("the cow sat\n"));
        Assert.Equal(2, await VersionAsync(created));
    }

    [Fact]
    public async Task AConflictBesideACleanChangeSavesTheCleanOneAndReportsTheConflictInTheSavedText()
    {
        var created = await CreateAsync("Conflict and clean", "the cat sat\n\nthe end\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "cat", "dog"), Ana));
        var bos = ChangeSet.Of(created.Content.Length, [new TextChange(4, 7, "cow"), new TextChange(17, 20, "finish")]);

        var saved = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, bos, Bo));

        Assert.True(saved.Changed);
        Assert.Equal((3, "the dog sat\n\nthe finish\n"), (saved.Document.Head.CurrentVersion, saved.Document.Content));
        var conflict = Assert.Single(saved.Rebased!.Conflicts);
        Assert.Equal(conflict.Theirs, saved.Document.Content[conflict.From..conflict.To]);
        Assert.Equal(saved.Document.Content, saved.Rebased.ToSaved.Apply(bos.Apply(created.Content)));
    }

    [Fact]
    public async Task ATitleChangedOnlyByTheRebasedSaveIsItsOwn()
    {
        var created = await CreateAsync("Title base", "a first line\n\nb second line\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "a", "A"), Ana));

        var saved = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "b", "B"), Bo, title: "Bo's title"));

        Assert.Equal(("Bo's title", "A first line\n\nB second line\n"), (saved.Document.Head.Title, saved.Document.Content));
        Assert.Null(saved.Rebased!.TheirTitle);
    }

    [Fact]
    public async Task ATitleChangedOnlyByTheNewerVersionStaysThoughTheRebasedSaveSendsTheOldOne()
    {
        var created = await CreateAsync("Title base two", "a first line\n\nb second line\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "a", "A"), Ana, title: "Ana's title"));

        var saved = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "b", "B"), Bo, title: "Title base two"));

        Assert.Equal(("Ana's title", "A first line\n\nB second line\n"), (saved.Document.Head.Title, saved.Document.Content));
        Assert.Null(saved.Rebased!.TheirTitle);
    }

    [Fact]
    public async Task ATitleChangedByBothDifferentlyKeepsTheirsAndSaysSo()
    {
        var created = await CreateAsync("Title base three", "a first line\n\nb second line\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "a", "A"), Ana, title: "Ana's title"));

        var saved = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "b", "B"), Bo, title: "Bo's title"));

        Assert.Equal(("Ana's title", "A first line\n\nB second line\n"), (saved.Document.Head.Title, saved.Document.Content));
        Assert.Equal("Ana's title", saved.Rebased!.TheirTitle);
    }

    [Fact]
    public async Task AWholeTextSavedWithRebaseIsRebasedLikeChanges()
    {
        var created = await CreateAsync("Whole text", "one\ntwo\nthree\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "one", "ONE"), Ana));

        var outcome = await Commands.SendAsync(
            new SaveDocumentCommand(created.Head.Id.ToString(), "one\ntwo\nthree, by Bo\n", null, IfMatch.Absent, 1, Bo, Rebase: true), CancellationToken.None);

        var saved = Assert.IsType<DocumentOutcome.Saved>(outcome);
        Assert.Equal((3, "ONE\ntwo\nthree, by Bo\n"), (saved.Document.Head.CurrentVersion, saved.Document.Content));
        Assert.Equal(saved.Document.Content, saved.Rebased!.ToSaved.Apply("one\ntwo\nthree, by Bo\n"));
    }

    [Fact]
    public async Task ASaveThatDidNotAskToBeRebasedIsStillRefusedAsStale()
    {
        var created = await CreateAsync("Not rebased", "a\nb\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "a", "A"), Ana));

        var outcome = await Commands.SendAsync(SaveDocumentCommand.ChangesOnBase(created.Head.Id, Replace(created.Content, "b", "B"), null, 1, Bo), CancellationToken.None);

        Assert.Equal(2, Assert.IsType<DocumentOutcome.Stale>(outcome).Current.CurrentVersion);
    }

    [Fact]
    public async Task ALockedDocumentRefusesARebasedSaveAndNothingIsWritten()
    {
        var created = await CreateAsync("Locked rebase", "a\nb\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "a", "A"), Ana));
        Assert.IsType<DocumentOutcome.LockChanged>(await Commands.SendAsync(new LockDocumentCommand(created.Head.Slug, Ana), CancellationToken.None));

        var outcome = await RebasedAsync(created, Replace(created.Content, "b", "B"), Bo);

        Assert.Equal(2, Assert.IsType<DocumentOutcome.Locked>(outcome).Current.CurrentVersion);
        Assert.Equal(2, await VersionAsync(created));
    }

    [Fact]
    public async Task AnArchivedDocumentRefusesARebasedSaveAndNothingIsWritten()
    {
        var created = await CreateAsync("Archived rebase", "a\nb\n");
        Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "a", "A"), Ana));
        Assert.IsType<DocumentOutcome.StateChanged>(await Commands.SendAsync(new ArchiveDocumentCommand(created.Head.Slug, AnyVersion(), Ana), CancellationToken.None));

        var outcome = await RebasedAsync(created, Replace(created.Content, "b", "B"), Bo);

        Assert.IsType<DocumentOutcome.Archived>(outcome);
        Assert.Equal("A\nb\n", await TextAsync(created, 2));
        Assert.Null(await TextAsync(created, 3));
    }

    [Fact]
    public async Task ARebasedSaveOverManyVersionsNamesEachAuthorOnceNewestLast()
    {
        var created = await CreateAsync("Many authors", "a\n\nb\n\nc\n\nd\n");
        var texts = created.Content;
        var version = 1;
        foreach (var (from, to, who) in new[] { ("a", "A", "Ana"), ("b", "B", "Carl"), ("c", "C", "Ana") })
        {
            var changes = Replace(texts, from, to);
            var saved = Assert.IsType<DocumentOutcome.Saved>(await Commands.SendAsync(
                SaveDocumentCommand.RebasedOnBase(created.Head.Id, changes, null, version, new DocumentActor(who)), CancellationToken.None));
            (texts, version) = (saved.Document.Content, saved.Document.Head.CurrentVersion);
        }

        var bos = Assert.IsType<DocumentOutcome.Saved>(await RebasedAsync(created, Replace(created.Content, "d", "D"), Bo));

        Assert.Equal("A\n\nB\n\nC\n\nD\n", bos.Document.Content);
        Assert.Equal(["Carl", "Ana"], bos.Rebased!.Authors);
    }

    /// <summary>The changes that replace the first <paramref name="find"/> in <paramref name="text"/>.</summary>
    internal static ChangeSet Replace(string text, string find, string with)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the text");
        return ChangeSet.Of(text.Length, [new TextChange(at, at + find.Length, with)]);
    }

    private static IfMatch AnyVersion()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers.IfMatch = "*";
        return IfMatch.Parse(http.Request)!;
    }

    private async Task<DocumentSnapshot> CreateAsync(string title, string content) =>
        Assert.IsType<DocumentOutcome.Created>(await Commands.SendAsync(new CreateDocumentCommand(title, null, content, Ana), CancellationToken.None)).Document;

    private Task<Outcome> RebasedAsync(DocumentSnapshot created, ChangeSet changes, DocumentActor actor, string? title = null) =>
        Commands.SendAsync(SaveDocumentCommand.RebasedOnBase(created.Head.Id, changes, title, 1, actor), CancellationToken.None);

    private async Task<string?> TextAsync(DocumentSnapshot document, int version) =>
        (await Documents.GetRevisionAsync(document.Head.Id, version, Ana, CancellationToken.None)).Value?.Content;

    private async Task<int> VersionAsync(DocumentSnapshot document) =>
        (await Documents.FindAsync(document.Head.Slug, Ana, CancellationToken.None)).Value!.CurrentVersion;
}
