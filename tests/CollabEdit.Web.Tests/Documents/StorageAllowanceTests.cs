using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// The storage allowance, in the secure default (on SQLite, and on PostgreSQL in the second pass), with an allowance
/// of 10,000 bytes and versions of 3,000: three versions fit, the fourth is refused with 507 and nothing is written,
/// whoever saves into whose document; the document's owner pays. Each case has accounts of its own.
/// </summary>
public sealed class StorageAllowanceTests(StorageAllowanceTests.SmallAllowance factory) : IClassFixture<StorageAllowanceTests.SmallAllowance>
{
    private const long Allowed = 10_000;
    private const int VersionSize = 3_000;

    /// <summary>
    /// The secure default with a small allowance, and the server's first account made before any case's: the first
    /// account is given the documents nobody owns (the welcome document), which would count against a case's own.
    /// </summary>
    public sealed class SmallAllowance : CollabEditApiFactory, IAsyncLifetime
    {
        public async Task InitializeAsync() => await this.SignUpAsync("allowance-first", "First");

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["CollabEdit:Access:Mode"] = "Secure",
            [$"{StorageAllowance.SectionName}:{nameof(StorageAllowance.BytesPerAccount)}"] = Allowed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Open mode with the same small allowance configured: there are no accounts to charge, so it does not apply.</summary>
    public sealed class OpenWithSmallAllowance : CollabEditApiFactory
    {
        protected override IDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            [$"{StorageAllowance.SectionName}:{nameof(StorageAllowance.BytesPerAccount)}"] = Allowed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public async Task SavesGoOnUntilTheNextWouldPassTheAllowanceWhichIsRefusedWith507SayingWhatIsUsedAndAllowedAndNothingIsWritten()
    {
        var ana = await factory.SignUpAsync("allowance-ana", "Ana");
        var (document, etag) = await ana.Client.CreateAsync("Fills up", Text(1));
        etag = await SaveAsync(ana, document.Id, Text(2), etag);
        etag = await SaveAsync(ana, document.Id, Text(3), etag);

        using var refused = await ana.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = Text(4) }, etag));

        await refused.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        var problem = await refused.ReadProblemAsync();
        Assert.Equal(
            (9_000L, Allowed, (long)VersionSize, "8.8 KB", "9.8 KB", "you"),
            (problem.GetProperty("used").GetInt64(), problem.GetProperty("allowed").GetInt64(), problem.GetProperty("needed").GetInt64(),
                problem.GetProperty("usedText").GetString(), problem.GetProperty("allowedText").GetString(), problem.GetProperty("chargedTo").GetString()));
        Assert.Contains("8.8 KB (9,000 bytes) of your 9.8 KB (10,000 bytes)", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Nothing was written: still v3, three revisions, the same ETag.
        using var read = await ana.Client.GetAsync($"/api/documents/{document.Id}");
        Assert.Equal((3, etag), ((await read.ReadAsync<DocumentResponse>()).Version, read.Headers.ETag!.ToString()));
        Assert.Equal(3, await RevisionCountAsync(document.Id));
        Assert.Equal(9_000, await UsedByAsync(ana));
    }

    [Fact]
    public async Task ASmallerVersionThatStillFitsIsSavedAndCreatingOverTheAllowanceIsRefusedWithoutADocument()
    {
        var ana = await factory.SignUpAsync("allowance-fit", "Ana");
        var (document, etag) = await ana.Client.CreateAsync("Nearly full", Text(1));
        etag = await SaveAsync(ana, document.Id, Text(2), etag);
        etag = await SaveAsync(ana, document.Id, Text(3), etag);
        await SaveAsync(ana, document.Id, new string('s', 1_000), etag); // 9,000 + 1,000: exactly the allowance

        using var created = await ana.Client.PostAsJsonAsync("/api/documents", new { title = "One more", content = "x" });

        await created.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        using var list = await ana.Client.GetAsync("/api/documents");
        Assert.DoesNotContain("One more", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(Allowed, await UsedByAsync(ana));
    }

    [Fact]
    public async Task ARetriedCreateWhoseFirstRunFilledTheAllowanceAnswersTheFirstResultNotA507()
    {
        var ana = await factory.SignUpAsync("allowance-retry", "Ana");
        var (document, etag) = await ana.Client.CreateAsync("First", Text(1));
        await SaveAsync(ana, document.Id, Text(2), etag);
        using var first = await ana.Client.SendAsync(CreateWithKey("Made once", Text(3), "retry-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var made = await first.ReadAsync<DocumentResponse>();

        // The response was lost; the script sends the same request again: the allowance (9,000 + 3,000) would refuse
        // a new document, but this is not one.
        using var retried = await ana.Client.SendAsync(CreateWithKey("Made once", Text(3), "retry-1"));
        using var another = await ana.Client.SendAsync(CreateWithKey("Made once", Text(3), "retry-2"));

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal((made.Id, "true"), ((await retried.ReadAsync<DocumentResponse>()).Id, retried.Headers.GetValues("Idempotent-Replayed").Single()));
        await another.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        Assert.Equal(9_000, await UsedByAsync(ana));
    }

    [Fact]
    public async Task AnotherAccountIsNotAffectedByOneThatIsFull()
    {
        var ana = await factory.SignUpAsync("allowance-full", "Ana");
        var bo = await factory.SignUpAsync("allowance-other", "Bo");
        var (full, fullTag) = await ana.Client.CreateAsync("Full", Text(1));
        fullTag = await SaveAsync(ana, full.Id, Text(2), fullTag);
        fullTag = await SaveAsync(ana, full.Id, Text(3), fullTag);
        using (var refused = await ana.Client.SendAsync(ApiClient.Put(full.Id.ToString(), new { content = Text(4) }, fullTag)))
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        }

        var (own, ownTag) = await bo.Client.CreateAsync("Bo's own", Text(1));
        ownTag = await SaveAsync(bo, own.Id, Text(2), ownTag);
        await SaveAsync(bo, own.Id, Text(3), ownTag);

        Assert.Equal((9_000, 9_000), (await UsedByAsync(ana), await UsedByAsync(bo)));
    }

    [Fact]
    public async Task AnEditorsSavesIntoMyDocumentCountAgainstMyAllowanceAndAreRefusedWithMine()
    {
        var ana = await factory.SignUpAsync("allowance-owner", "Ana");
        var ed = await factory.SignUpAsync("allowance-editor", "Ed");
        var (document, etag) = await ana.Client.CreateAsync("Ana's, edited by Ed", Text(1));
        await ana.GrantAsync(document.Id, ed, "editor");
        etag = await SaveAsync(ed, document.Id, Text(2), etag);
        etag = await SaveAsync(ed, document.Id, Text(3), etag);

        using var refused = await ed.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = Text(4) }, etag));

        await refused.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        var problem = await refused.ReadProblemAsync();
        Assert.Equal(("owner", 9_000L), (problem.GetProperty("chargedTo").GetString(), problem.GetProperty("used").GetInt64()));
        Assert.StartsWith("The owner of this document has used", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((9_000, 0), (await UsedByAsync(ana), await UsedByAsync(ed)));

        // Ed's own allowance is untouched: his own document is his to fill.
        var (own, ownTag) = await ed.Client.CreateAsync("Ed's own", Text(1));
        await SaveAsync(ed, own.Id, Text(2), ownTag);
        Assert.Equal(6_000, await UsedByAsync(ed));
    }

    [Fact]
    public async Task ADocumentWithTwoOwnersIsChargedToTheOwnerWhoHasHeldTheRoleLongestOnly()
    {
        var ana = await factory.SignUpAsync("allowance-first-owner", "Ana");
        var bo = await factory.SignUpAsync("allowance-second-owner", "Bo");
        var (document, etag) = await ana.Client.CreateAsync("Two owners", Text(1));
        await ana.GrantAsync(document.Id, bo, "owner");
        await SaveAsync(bo, document.Id, Text(2), etag);

        Assert.Equal((6_000, 0), (await UsedByAsync(ana), await UsedByAsync(bo)));

        // Ana steps down to editor: the document is Bo's now, with everything it stores.
        await bo.GrantAsync(document.Id, ana, "editor");
        Assert.Equal((0, 6_000), (await UsedByAsync(ana), await UsedByAsync(bo)));
    }

    [Fact]
    public async Task TheEditorSaysInPlainWordsWhoseAllowanceIsFullAndKeepsTheText()
    {
        var ana = await factory.SignUpAsync("allowance-browser", "Ana");
        var (document, etag) = await ana.Client.CreateAsync("In the browser", Text(1));
        etag = await SaveAsync(ana, document.Id, Text(2), etag);
        await SaveAsync(ana, document.Id, Text(3), etag);
        var browser = new BrowserEditorStandIn();
        var editor = factory.Services.GetRequiredService<DocumentEditor>();
        editor.Actor = new DocumentActor("Ana", Agent: "editor", UserId: await UserIdAsync(ana));
        Assert.True(await editor.LoadAsync(document.Id.ToString(), CancellationToken.None));
        await editor.AttachAsync(browser, CancellationToken.None);

        browser.Type(Text(4));
        editor.OnDirtyChanged(browser.IsDirty);
        await editor.SaveAsync(CancellationToken.None);

        Assert.Equal(
            "Not saved: your storage allowance is full (8.8 KB of 9.8 KB used, and this version needs up to 2.9 KB). "
            + "Ask the server's administrator for more room. " + OutcomeWords.TextKept,
            editor.Error);
        Assert.Equal((Text(4), true, 3), (browser.Text, browser.IsDirty, editor.BaseVersion));
        Assert.Equal(3, await RevisionCountAsync(document.Id));
    }

    [Fact]
    public async Task OpenModeHasNoAllowance()
    {
        await using var open = new OpenWithSmallAllowance();
        var client = open.CreateClient();
        var (document, etag) = await client.CreateAsync("Open", Text(1));
        for (var version = 2; version <= 5; version++)
        {
            using var saved = await client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = Text(version) }, etag, "Ana"));
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            etag = saved.Headers.ETag!.ToString();
        }

        await using var db = open.OpenDb();
        Assert.Equal(5 * VersionSize, await db.Db.Revisions.Where(r => r.DocumentId == document.Id).SumAsync(r => r.Size));
    }

    /// <summary>A text of <see cref="VersionSize"/> ASCII bytes, different for each version.</summary>
    private static string Text(int version) => $"v{version:D3} " + new string((char)('a' + version), VersionSize - 6) + "\n";

    private static HttpRequestMessage CreateWithKey(string title, string content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(new { title, content }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task<string> SaveAsync(Account who, Guid documentId, string content, string etag)
    {
        using var saved = await who.Client.SendAsync(ApiClient.Put(documentId.ToString(), new { content }, etag));
        Assert.True(saved.StatusCode == HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        return saved.Headers.ETag!.ToString();
    }

    private async Task<int> RevisionCountAsync(Guid documentId)
    {
        await using var db = factory.OpenDb();
        return await db.Db.Revisions.CountAsync(r => r.DocumentId == documentId);
    }

    private async Task<string> UserIdAsync(Account who)
    {
        await using var db = factory.OpenDb();
        return await db.Db.Users.Where(u => u.Email == who.Email).Select(u => u.Id).SingleAsync();
    }

    private async Task<long> UsedByAsync(Account who) =>
        await factory.Services.GetRequiredService<IStorageUsage>().UsedByAsync(await UserIdAsync(who), CancellationToken.None);
}
