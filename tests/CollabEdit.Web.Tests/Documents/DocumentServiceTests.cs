using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>The documents core's rules, one per test, called as the API and the editor call it (real SQLite file).</summary>
public sealed class DocumentServiceTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>
{
    private static readonly DocumentActor Ana = new("Ana");

    private DocumentService Documents => factory.Services.GetRequiredService<DocumentService>();

    private Features.Commands.CommandPipeline Commands => factory.Services.GetRequiredService<Features.Commands.CommandPipeline>();

    [Fact]
    public async Task ASaveOnTheCurrentVersionMakesTheNextVersion()
    {
        var created = await CreateAsync("Next version", "a\n");

        var outcome = await SaveAsync(created, "b\n", baseVersion: 1);

        var saved = Assert.IsType<DocumentOutcome.Saved>(outcome);
        Assert.True(saved.Changed);
        Assert.Equal((2, "b\n", "Ana"), (saved.Document.Head.CurrentVersion, saved.Document.Content, saved.Document.Head.UpdatedBy));
    }

    [Fact]
    public async Task ASaveOnAnOlderVersionIsStaleWithWhatAMergeNeeds()
    {
        var created = await CreateAsync("Stale", "a\n");
        await SaveAsync(created, "b\n", baseVersion: 1);

        var stale = Assert.IsType<DocumentOutcome.Stale>(await SaveAsync(created, "c\n", baseVersion: 1));

        Assert.Equal((1, 2, "b\n"), (stale.BaseVersion, stale.Current.CurrentVersion, stale.CurrentContent));
        Assert.Equal([2], stale.ChangesSinceBase.Select(c => c.Version));
    }

    [Fact]
    public async Task ASaveIdenticalToTheCurrentVersionMakesNoVersion()
    {
        var created = await CreateAsync("Identical", "a\n");

        var saved = Assert.IsType<DocumentOutcome.Saved>(await SaveAsync(created, "a\n", baseVersion: 1, title: created.Head.Title));

        Assert.False(saved.Changed);
        Assert.Equal(1, saved.Document.Head.CurrentVersion);
        Assert.Single((await Documents.ListRevisionsAsync(created.Head.Id, Ana, 0, 10, CancellationToken.None)).Value!);
    }

    [Fact]
    public async Task ARenameAloneIsAChange()
    {
        var created = await CreateAsync("Old name", "a\n");

        var saved = Assert.IsType<DocumentOutcome.Saved>(await SaveAsync(created, "a\n", baseVersion: 1, title: "New name"));

        Assert.True(saved.Changed);
        Assert.Equal(("New name", 2), (saved.Document.Head.Title, saved.Document.Head.CurrentVersion));
    }

    [Fact]
    public async Task ASaveWithNeitherIfMatchNorBaseVersionIsRefusedAsMissingItsPrecondition()
    {
        var created = await CreateAsync("No precondition", "a\n");

        Assert.IsType<DocumentOutcome.PreconditionRequired>(await SaveAsync(created, "b\n", baseVersion: null));
    }

    [Fact]
    public async Task AnIfMatchOfAnOlderVersionFailsThePrecondition()
    {
        var created = await CreateAsync("If-Match", "a\n");
        await SaveAsync(created, "b\n", baseVersion: 1);
        var old = new IfMatch(true, false, [DocumentETags.ForDocument(created.Head.Id, 1, DocumentState.Active)]);

        var outcome = await Commands.SendAsync(new SaveDocumentCommand(created.Head.Id.ToString(), "c\n", null, old, null, Ana), CancellationToken.None);

        Assert.Equal(2, Assert.IsType<DocumentOutcome.PreconditionFailed>(outcome).Current.CurrentVersion);
    }

    [Fact]
    public async Task AnArchivedDocumentRefusesSaves()
    {
        var created = await CreateAsync("Archived", "a\n");
        var current = new IfMatch(true, false, [DocumentETags.ForDocument(created.Head.Id, 1, DocumentState.Active)]);
        Assert.IsType<DocumentOutcome.StateChanged>(await Commands.SendAsync(new ArchiveDocumentCommand(created.Head.Id.ToString(), current, Ana), CancellationToken.None));

        Assert.IsType<DocumentOutcome.Archived>(await SaveAsync(created, "b\n", baseVersion: 1));
    }

    [Fact]
    public async Task ContentOverTheLimitIsTooLargeAndCountedInUtf8Bytes()
    {
        var created = await CreateAsync("Too large", "a\n");
        var limit = Documents.Limits.MaxContentBytes;

        var tooLarge = Assert.IsType<DocumentOutcome.TooLarge>(await SaveAsync(created, new string('é', (int)(limit / 2) + 1), baseVersion: 1));

        Assert.Equal((limit + 2, limit), (tooLarge.Size, tooLarge.Limit));
        Assert.NotNull(Documents.CheckSize(limit + 1));
        Assert.Null(Documents.CheckSize(limit));
    }

    [Theory]
    [InlineData("Ana\u0001")]
    [InlineData("Ana\nBo")]
    public async Task AnAuthorWithControlCharactersIsInvalid(string author)
    {
        var created = await CreateAsync($"Author {author.Length}", "a\n");

        var outcome = await Commands.SendAsync(SaveDocumentCommand.OnBase(created.Head.Id, "b\n", null, 1, new DocumentActor(author)), CancellationToken.None);

        Assert.Contains("author", Assert.IsType<DocumentOutcome.Invalid>(outcome).Errors.Keys);
    }

    [Fact]
    public async Task AnOverlongAuthorIsRefusedNotShortened()
    {
        var created = await CreateAsync("Long author", "a\n");
        var author = new string('a', DocumentRules.MaxAuthorLength + 1);

        var outcome = await Commands.SendAsync(SaveDocumentCommand.OnBase(created.Head.Id, "b\n", null, 1, new DocumentActor(author)), CancellationToken.None);

        Assert.IsType<DocumentOutcome.Invalid>(outcome);
        Assert.Equal(1, (await Documents.FindAsync(created.Head.Slug, Ana, CancellationToken.None)).Value!.CurrentVersion);
    }

    [Fact]
    public async Task NoAuthorIsRecordedAsAnonymous()
    {
        var created = await CreateAsync("Anonymous", "a\n");

        var outcome = await Commands.SendAsync(SaveDocumentCommand.OnBase(created.Head.Id, "b\n", null, 1, new DocumentActor("  ")), CancellationToken.None);

        Assert.Equal(DocumentRules.AnonymousAuthor, Assert.IsType<DocumentOutcome.Saved>(outcome).Document.Head.UpdatedBy);
    }

    [Theory]
    [InlineData("Budget\u0007")]
    [InlineData("   ")]
    public async Task AnInvalidTitleIsRefused(string title)
    {
        var created = await CreateAsync($"Title {title.Length}", "a\n");

        var outcome = await SaveAsync(created, "b\n", baseVersion: 1, title: title);

        Assert.Contains("title", Assert.IsType<DocumentOutcome.Invalid>(outcome).Errors.Keys);
    }

    [Fact]
    public async Task ATakenSlugIsRefusedOnCreate()
    {
        await CreateAsync("First", "", slug: "taken-slug");

        var outcome = await Commands.SendAsync(new CreateDocumentCommand("Second", "taken-slug", "", Ana), CancellationToken.None);

        Assert.Equal("taken-slug", Assert.IsType<DocumentOutcome.SlugTaken>(outcome).Slug);
    }

    [Fact]
    public async Task AnUnknownDocumentIsNotFound()
    {
        var outcome = await Commands.SendAsync(SaveDocumentCommand.OnBase(Guid.NewGuid(), "b\n", null, 1, Ana), CancellationToken.None);

        Assert.IsType<DocumentOutcome.NotFound>(outcome);
    }

    private async Task<Features.Documents.DocumentSnapshot> CreateAsync(string title, string content, string? slug = null) =>
        Assert.IsType<DocumentOutcome.Created>(await Commands.SendAsync(new CreateDocumentCommand(title, slug, content, Ana), CancellationToken.None)).Document;

    private Task<Outcome> SaveAsync(Features.Documents.DocumentSnapshot document, string content, int? baseVersion, string? title = null) =>
        Commands.SendAsync(new SaveDocumentCommand(document.Head.Id.ToString(), content, title, IfMatch.Absent, baseVersion, Ana), CancellationToken.None);
}
