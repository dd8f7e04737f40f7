using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>
/// The storage allowance, in the secure default (on SQLite, and on PostgreSQL in the second pass), with an allowance
/// of 10,000 bytes and versions of 3,000 bytes of text that compress little: what an account uses is what its
/// documents' versions cost on disk (their stored size, read back from the database here, never assumed), and a write
/// is refused with 507, nothing written, when that plus the bytes it sends would pass the allowance, whoever saves into
/// whose document; the document's owner pays. Each case has accounts of its own.
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
        var used = await StoredAsync(document.Id);
        Assert.Equal(used, await UsedByAsync(ana));
        Assert.InRange(used, Allowed - VersionSize + 1, Allowed - 1); // three versions fit, and a fourth as large would not

        var needed = Allowed - used + 1; // one byte more than is left
        using var refused = await ana.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = Text(4, needed) }, etag));

        await refused.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        var problem = await refused.ReadProblemAsync();
        Assert.Equal(
            (used, Allowed, needed, StorageUnits.Format(used), "9.8 KB", "you"),
            (problem.GetProperty("used").GetInt64(), problem.GetProperty("allowed").GetInt64(), problem.GetProperty("needed").GetInt64(),
                problem.GetProperty("usedText").GetString(), problem.GetProperty("allowedText").GetString(), problem.GetProperty("chargedTo").GetString()));
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains($"Your documents use {Sized(used)} of your 9.8 KB (10,000 bytes) storage allowance", detail, StringComparison.Ordinal);
        Assert.Contains($"this would add up to {Sized(needed)}. Nothing was saved.", detail, StringComparison.Ordinal);

        // Nothing was written: still v3, three revisions, the same ETag, the same usage.
        using var read = await ana.Client.GetAsync($"/api/documents/{document.Id}");
        Assert.Equal((3, etag), ((await read.ReadAsync<DocumentResponse>()).Version, read.Headers.ETag!.ToString()));
        Assert.Equal(3, await RevisionCountAsync(document.Id));
        Assert.Equal((used, used), (await StoredAsync(document.Id), await UsedByAsync(ana)));
    }

    [Fact]
    public async Task ASmallerVersionThatStillFitsIsSavedAndCreatingOverTheAllowanceIsRefusedWithoutADocument()
    {
        var ana = await factory.SignUpAsync("allowance-fit", "Ana");
        var (document, etag) = await ana.Client.CreateAsync("Nearly full", Text(1));
        etag = await SaveAsync(ana, document.Id, Text(2), etag);
        etag = await SaveAsync(ana, document.Id, Text(3), etag);
        var used = await StoredAsync(document.Id);
        var left = Allowed - used;
        Assert.InRange(left, 1, VersionSize - 1); // room for a version, but not one as large as the others

        await SaveAsync(ana, document.Id, Text(4, left), etag); // used + what it sends: exactly the allowance
        var full = await StoredAsync(document.Id);
        Assert.Equal((4, full), (await RevisionCountAsync(document.Id), await UsedByAsync(ana)));
        Assert.InRange(full, used + 1, Allowed); // the version is counted at what it costs on disk

        var over = Allowed - full + 1;
        using var created = await ana.Client.PostAsJsonAsync("/api/documents", new { title = "One more", content = Text(5, over) });

        await created.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        var problem = await created.ReadProblemAsync();
        Assert.Equal((full, over), (problem.GetProperty("used").GetInt64(), problem.GetProperty("needed").GetInt64()));
        using var list = await ana.Client.GetAsync("/api/documents");
        Assert.DoesNotContain("One more", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(full, await UsedByAsync(ana));
    }

    [Fact]
    public async Task ARetriedCreateWhoseFirstRunFilledTheAllowanceAnswersTheFirstResultNotA507()
    {
        var ana = await factory.SignUpAsync("allowance-retry", "Ana");
        var (document, etag) = await ana.Client.CreateAsync("First", Text(1));
        await SaveAsync(ana, document.Id, Text(2), etag);
        var content = Text(3, Allowed - await StoredAsync(document.Id)); // exactly what is left
        using var first = await ana.Client.SendAsync(CreateWithKey("Made once", content, "retry-1"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var made = await first.ReadAsync<DocumentResponse>();
        var used = await StoredAsync(document.Id, made.Id);
        Assert.Equal(used, await UsedByAsync(ana));
        Assert.True(used + Encoding.UTF8.GetByteCount(content) > Allowed, $"{used} bytes used: the same create again must not fit");

        // The response was lost; the script sends the same request again: the allowance would refuse a new document,
        // but this is not one.
        using var retried = await ana.Client.SendAsync(CreateWithKey("Made once", content, "retry-1"));
        using var another = await ana.Client.SendAsync(CreateWithKey("Made once", content, "retry-2"));

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal((made.Id, "true"), ((await retried.ReadAsync<DocumentResponse>()).Id, retried.Headers.GetValues("Idempotent-Replayed").Single()));
        await another.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        Assert.Equal((used, used), (await StoredAsync(document.Id, made.Id), await UsedByAsync(ana)));
    }

    [Fact]
    public async Task AnotherAccountIsNotAffectedByOneThatIsFull()
    {
        var ana = await factory.SignUpAsync("allowance-full", "Ana");
        var bo = await factory.SignUpAsync("allowance-other", "Bo");
        var (full, fullTag) = await ana.Client.CreateAsync("Full", Text(1));
        fullTag = await SaveAsync(ana, full.Id, Text(2), fullTag);
        fullTag = await SaveAsync(ana, full.Id, Text(3), fullTag);
        var anaUses = await StoredAsync(full.Id);
        using (var refused = await ana.Client.SendAsync(ApiClient.Put(full.Id.ToString(), new { content = Text(4, Allowed - anaUses + 1) }, fullTag)))
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
        }

        // Bo stores as much as Ana has, while she is full.
        var (own, ownTag) = await bo.Client.CreateAsync("Bo's own", Text(1));
        ownTag = await SaveAsync(bo, own.Id, Text(2), ownTag);
        await SaveAsync(bo, own.Id, Text(3), ownTag);
        Assert.Equal(3, await RevisionCountAsync(own.Id));

        Assert.Equal((anaUses, await StoredAsync(own.Id)), (await UsedByAsync(ana), await UsedByAsync(bo)));
        Assert.Equal(anaUses, await StoredAsync(full.Id));
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
        var used = await StoredAsync(document.Id);
        Assert.Equal((used, 0), (await UsedByAsync(ana), await UsedByAsync(ed)));

        // Ed has stored nothing of his own, but this would pass Ana's allowance.
        using var refused = await ed.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = Text(4, Allowed - used + 1) }, etag));

        await refused.AssertProblemAsync(HttpStatusCode.InsufficientStorage, ProblemTypes.StorageAllowanceExceeded);
        var problem = await refused.ReadProblemAsync();
        Assert.Equal(("owner", used), (problem.GetProperty("chargedTo").GetString(), problem.GetProperty("used").GetInt64()));
        Assert.StartsWith($"The owner of this document has used {Sized(used)} of their 9.8 KB (10,000 bytes) storage allowance", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((3, used, 0), (await RevisionCountAsync(document.Id), await UsedByAsync(ana), await UsedByAsync(ed)));

        // Ed's own allowance is untouched: his own document is his to fill.
        var (own, ownTag) = await ed.Client.CreateAsync("Ed's own", Text(1));
        await SaveAsync(ed, own.Id, Text(2), ownTag);
        var edUses = await StoredAsync(own.Id);
        Assert.InRange(edUses, 1, Allowed);
        Assert.Equal((used, edUses), (await UsedByAsync(ana), await UsedByAsync(ed)));
    }

    [Fact]
    public async Task ADocumentWithTwoOwnersIsChargedToTheOwnerWhoHasHeldTheRoleLongestOnly()
    {
        var ana = await factory.SignUpAsync("allowance-first-owner", "Ana");
        var bo = await factory.SignUpAsync("allowance-second-owner", "Bo");
        var (document, etag) = await ana.Client.CreateAsync("Two owners", Text(1));
        await ana.GrantAsync(document.Id, bo, "owner");
        await SaveAsync(bo, document.Id, Text(2), etag);
        var stored = await StoredAsync(document.Id);
        Assert.InRange(stored, 1, Allowed);

        Assert.Equal((stored, 0), (await UsedByAsync(ana), await UsedByAsync(bo)));

        // Ana steps down to editor: the document is Bo's now, with everything it stores.
        await bo.GrantAsync(document.Id, ana, "editor");
        Assert.Equal((0, stored), (await UsedByAsync(ana), await UsedByAsync(bo)));
    }

    [Fact]
    public async Task TheEditorSaysInPlainWordsWhoseAllowanceIsFullAndKeepsTheText()
    {
        var ana = await factory.SignUpAsync("allowance-browser", "Ana");
        var (document, etag) = await ana.Client.CreateAsync("In the browser", Text(1));
        etag = await SaveAsync(ana, document.Id, Text(2), etag);
        await SaveAsync(ana, document.Id, Text(3), etag);
        var used = await StoredAsync(document.Id);
        var browser = new BrowserEditorStandIn();
        var editor = factory.Services.GetRequiredService<DocumentEditor>();
        editor.Actor = new DocumentActor("Ana", Agent: "editor", UserId: await UserIdAsync(ana));
        Assert.True(await editor.LoadAsync(document.Id.ToString(), CancellationToken.None));
        await editor.AttachAsync(browser, CancellationToken.None);

        // Ana adds a passage one byte longer than what is left: the changes the editor sends insert just that.
        var needed = Allowed - used + 1;
        var typed = Text(3) + Text(4, needed);
        browser.Type(typed);
        editor.OnDirtyChanged(browser.IsDirty);
        await editor.SaveAsync(CancellationToken.None);

        Assert.Equal(
            $"Not saved: your storage allowance is full ({StorageUnits.Format(used)} of 9.8 KB used, and this version needs up to {StorageUnits.Format(needed)}). "
            + "Ask the server's administrator for more room. " + OutcomeWords.TextKept,
            editor.Error);
        Assert.Equal((typed, true, 3), (browser.Text, browser.IsDirty, editor.BaseVersion));
        Assert.Equal((3, used), (await RevisionCountAsync(document.Id), await StoredAsync(document.Id)));
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

        // Five versions of text, and more on disk than the allowance would let an account store.
        await using var db = open.OpenDb();
        var revisions = db.Db.Revisions.Where(r => r.DocumentId == document.Id);
        Assert.Equal(5 * VersionSize, await revisions.SumAsync(r => r.Size));
        Assert.True(await revisions.SumAsync(r => r.StoredSize) > Allowed);
    }

    /// <summary>
    /// A text of <paramref name="size"/> ASCII bytes (<see cref="VersionSize"/> unless said), different for each version:
    /// random printable characters, the same for the same version, which compress little (never to nothing: what a
    /// version costs on disk is read back, not assumed).
    /// </summary>
    private static string Text(int version, long size = VersionSize)
    {
        var random = new Random(version);
        var body = new char[size - 6];
        for (var i = 0; i < body.Length; i++)
        {
            body[i] = (char)random.Next('!', '~' + 1);
        }

        return $"v{version:D3} {new string(body)}\n";
    }

    /// <summary>"9.8 KB (10,000 bytes)": a size as the problem's detail says it.</summary>
    private static string Sized(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{StorageUnits.Format(bytes)} ({bytes:N0} bytes)");

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

    /// <summary>What the documents' versions cost on disk, summed from the database: what their owner uses.</summary>
    private async Task<long> StoredAsync(params Guid[] documentIds)
    {
        await using var db = factory.OpenDb();
        return await db.Db.Revisions.Where(r => documentIds.Contains(r.DocumentId)).SumAsync(r => r.StoredSize);
    }

    private async Task<string> UserIdAsync(Account who)
    {
        await using var db = factory.OpenDb();
        return await db.Db.Users.Where(u => u.Email == who.Email).Select(u => u.Id).SingleAsync();
    }

    private async Task<long> UsedByAsync(Account who) =>
        await factory.Services.GetRequiredService<IStorageUsage>().UsedByAsync(await UserIdAsync(who), CancellationToken.None);
}
