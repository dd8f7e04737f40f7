using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// A save given as changes to the version it names (what the browser's editor sends for a small edit), through the
/// one command pipeline on the real database: applied to that version's text, or refused as any save would be.
/// </summary>
public sealed class SaveAsChangesTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private static readonly DocumentActor Ana = new("Ana");

    private DocumentService Documents => factory.Services.GetRequiredService<DocumentService>();

    private CommandPipeline Commands => factory.Services.GetRequiredService<CommandPipeline>();

    [Fact]
    public async Task ChangesAreAppliedToTheTextOfTheVersionTheyNameAndTheSaveCarriesThem()
    {
        var created = await CreateAsync("Changes applied", "one\ntwo\nthree\n");
        var changes = ChangeSet.Of(14, [new TextChange(4, 7, "TWO, changed"), new TextChange(14, 14, "four\n")]);

        var saved = Assert.IsType<DocumentOutcome.Saved>(await SaveAsync(created, changes, baseVersion: 1));

        Assert.True(saved.Changed);
        Assert.Equal((2, "one\nTWO, changed\nthree\nfour\n"), (saved.Document.Head.CurrentVersion, saved.Document.Content));
        Assert.Equal(changes, saved.Changes);
        var stored = (await Documents.GetAsync(created.Head.Slug, Ana, CancellationToken.None)).Value!;
        Assert.Equal("one\nTWO, changed\nthree\nfour\n", stored.Content);
        Assert.Equal(1, (await Documents.GetRevisionAsync(created.Head.Id, 2, Ana, CancellationToken.None)).Value!.BaseVersion);
    }

    [Fact]
    public async Task ChangesMadeForATextOfAnotherLengthAreInvalidAndNothingIsSaved()
    {
        var created = await CreateAsync("Changes misfit", "one\ntwo\n");

        var outcome = await SaveAsync(created, ChangeSet.Of(9, [new TextChange(0, 0, "zero\n")]), baseVersion: 1);

        var invalid = Assert.IsType<DocumentOutcome.Invalid>(outcome);
        Assert.Contains("9 characters; v1 has 8", Assert.Single(invalid.Errors["changes"]), StringComparison.Ordinal);
        Assert.Equal(1, await VersionAsync(created));
    }

    [Fact]
    public async Task ChangesThatWouldCutACharacterInTwoAreInvalid()
    {
        var created = await CreateAsync("Changes in a pair", "a😀b\n");

        var outcome = await SaveAsync(created, ChangeSet.Of(5, [new TextChange(2, 2, "x")]), baseVersion: 1);

        Assert.Contains("changes", Assert.IsType<DocumentOutcome.Invalid>(outcome).Errors.Keys);
        Assert.Equal(1, await VersionAsync(created));
    }

    [Fact]
    public async Task AResultOverTheSizeLimitIsTooLargeCountedInUtf8Bytes()
    {
        var created = await CreateAsync("Changes too large", "a\n");
        var limit = Documents.Limits.MaxContentBytes;

        var outcome = await SaveAsync(created, ChangeSet.Of(2, [new TextChange(2, 2, new string('é', (int)(limit / 2)))]), baseVersion: 1);

        var tooLarge = Assert.IsType<DocumentOutcome.TooLarge>(outcome);
        Assert.Equal((limit + 2, limit), (tooLarge.Size, tooLarge.Limit));
        Assert.Equal(1, await VersionAsync(created));
    }

    [Fact]
    public async Task ChangesOnAStaleBaseAreAConflictWithWhatAMergeNeedsAndNothingIsOverwritten()
    {
        var created = await CreateAsync("Changes stale", "a\nb\n");
        Assert.IsType<DocumentOutcome.Saved>(await Commands.SendAsync(SaveDocumentCommand.OnBase(created.Head.Id, "a\nb\nc by Bo\n", null, 1, new DocumentActor("Bo")), CancellationToken.None));

        var outcome = await SaveAsync(created, ChangeSet.Of(4, [new TextChange(0, 1, "A")]), baseVersion: 1);

        var stale = Assert.IsType<DocumentOutcome.Stale>(outcome);
        Assert.Equal((1, 2, "a\nb\nc by Bo\n"), (stale.BaseVersion, stale.Current.CurrentVersion, stale.CurrentContent));
        Assert.Equal("a\nb\nc by Bo\n", (await Documents.GetAsync(created.Head.Slug, Ana, CancellationToken.None)).Value!.Content);
    }

    [Fact]
    public async Task ChangesOnAVersionThatDoesNotExistAreRefusedAsForAWholeText()
    {
        var created = await CreateAsync("Changes on v9", "a\n");

        var fromTheFuture = await SaveAsync(created, ChangeSet.Of(2, [new TextChange(0, 1, "b")]), baseVersion: 9);
        var unknownTag = await Commands.SendAsync(
            new SaveDocumentCommand(created.Head.Slug, null, null, IfMatchOf("\"nope\""), null, Ana, ChangeSet.Of(2, [new TextChange(0, 1, "b")])),
            CancellationToken.None);

        Assert.Contains("baseVersion", Assert.IsType<DocumentOutcome.Invalid>(fromTheFuture).Errors.Keys);
        Assert.Equal(1, Assert.IsType<DocumentOutcome.PreconditionFailed>(unknownTag).Current.CurrentVersion);
        Assert.Equal(1, await VersionAsync(created));
    }

    [Fact]
    public async Task ChangesWithIfMatchApplyToTheVersionItsETagNames()
    {
        var created = await CreateAsync("Changes with If-Match", "a\n");

        var outcome = await Commands.SendAsync(
            new SaveDocumentCommand(created.Head.Slug, null, null, IfMatchOf(DocumentETags.Of(created.Head).ToString()), null, Ana, ChangeSet.Of(2, [new TextChange(1, 1, "b")])),
            CancellationToken.None);

        Assert.Equal("ab\n", Assert.IsType<DocumentOutcome.Saved>(outcome).Document.Content);
    }

    [Fact]
    public async Task ContentAndChangesTogetherOrChangesOnAnyVersionAreInvalid()
    {
        var created = await CreateAsync("Changes and content", "a\n");
        var changes = ChangeSet.Of(2, [new TextChange(0, 1, "b")]);

        var both = await Commands.SendAsync(new SaveDocumentCommand(created.Head.Slug, "b\n", null, IfMatch.Absent, 1, Ana, changes), CancellationToken.None);
        var onAny = await Commands.SendAsync(new SaveDocumentCommand(created.Head.Slug, null, null, IfMatchOf("*"), null, Ana, changes), CancellationToken.None);

        Assert.Contains("changes", Assert.IsType<DocumentOutcome.Invalid>(both).Errors.Keys);
        Assert.Equal(["changes"], Assert.IsType<DocumentOutcome.Invalid>(onAny).Errors.Keys);
        Assert.Equal(1, await VersionAsync(created));
    }

    [Fact]
    public async Task NoChangeAndTheSameTitleMakeNoVersionAndTheOutcomeHoldsTheText()
    {
        var created = await CreateAsync("Changes empty", "same\n");

        var saved = Assert.IsType<DocumentOutcome.Saved>(await SaveAsync(created, ChangeSet.Empty(5), baseVersion: 1));

        Assert.False(saved.Changed);
        Assert.Equal((1, "same\n"), (saved.Document.Head.CurrentVersion, saved.Document.Content));
    }

    private static IfMatch IfMatchOf(string header)
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers.IfMatch = header;
        return IfMatch.Parse(http.Request)!;
    }

    private async Task<DocumentSnapshot> CreateAsync(string title, string content) =>
        Assert.IsType<DocumentOutcome.Created>(await Commands.SendAsync(new CreateDocumentCommand(title, null, content, Ana), CancellationToken.None)).Document;

    private Task<Outcome> SaveAsync(DocumentSnapshot document, ChangeSet changes, int baseVersion) =>
        Commands.SendAsync(SaveDocumentCommand.ChangesOnBase(document.Head.Id, changes, null, baseVersion, Ana), CancellationToken.None);

    private async Task<int> VersionAsync(DocumentSnapshot document) =>
        (await Documents.FindAsync(document.Head.Slug, Ana, CancellationToken.None)).Value!.CurrentVersion;
}
