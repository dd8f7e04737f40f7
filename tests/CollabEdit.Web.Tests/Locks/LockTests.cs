using System.Net;
using System.Text.Json;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Locks;

/// <summary>
/// An owner's lock, through the API, in the secure default (on SQLite, and on PostgreSQL in the second pass): every
/// write path against every kind of caller while a document is locked, the lock endpoints themselves, the JSON, the
/// history. Each case gets its own document, so that one case cannot make another pass.
/// </summary>
public sealed class LockTests(LockTests.People people) : IClassFixture<LockTests.People>
{
    private readonly SecureApiFactory _factory = people.Factory;

    /// <summary>The app and four accounts, made once for all the cases (password hashing is slow on purpose).</summary>
    public sealed class People : IAsyncLifetime
    {
        public SecureApiFactory Factory { get; } = new();
        public Account Owner { get; private set; } = default!;
        public Account Editor { get; private set; } = default!;
        public Account Viewer { get; private set; } = default!;
        public Account Stranger { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Owner = await Factory.SignUpAsync("lock-owner", "Ana");
            Editor = await Factory.SignUpAsync("lock-editor", "Ed");
            Viewer = await Factory.SignUpAsync("lock-viewer", "Vi");
            Stranger = await Factory.SignUpAsync("lock-stranger", "Stan");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    public static TheoryData<string, string, int, string?> WhileLocked()
    {
        // caller:                      anonymous  stranger  viewer  editor  owner
        var table = new (string Path, int[] Statuses)[]
        {
            ("save", [401, 404, 403, 409, 409]),
            ("save-if-match-any", [401, 404, 403, 409, 409]),
            ("save-if-match", [401, 404, 403, 409, 409]),
            ("archive", [401, 404, 403, 403, 409]),
            ("restore", [401, 404, 403, 403, 409]),
            ("lock", [401, 404, 403, 403, 200]),
            ("unlock", [401, 404, 403, 403, 200]),
        };
        string[] callers = ["anonymous", "stranger", "viewer", "editor", "owner"];
        var data = new TheoryData<string, string, int, string?>();
        foreach (var (path, statuses) in table)
        {
            for (var i = 0; i < callers.Length; i++)
            {
                data.Add(path, callers[i], statuses[i], statuses[i] == 409 ? ProblemTypes.DocumentLocked : null);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WhileLocked))]
    public async Task EveryWritePathIsRefusedWhileLockedForEveryRoleAndOnlyOwnersLockAndUnlock(string path, string caller, int expected, string? problemType)
    {
        var (document, etag) = await people.Owner.Client.CreateAsync($"Locked {path} {caller}", "one\n");
        await people.Owner.GrantAsync(document.Id, people.Editor, "editor");
        await people.Owner.GrantAsync(document.Id, people.Viewer, "viewer");
        if (path == "restore")
        {
            using var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{document.Id}");
            archive.Headers.TryAddWithoutValidation("If-Match", etag);
            Assert.Equal(HttpStatusCode.NoContent, (await people.Owner.Client.SendAsync(archive)).StatusCode);
            etag = (await people.Owner.Client.GetAsync($"/api/documents/{document.Id}")).Headers.ETag!.ToString();
        }

        using (var locked = await people.Owner.Client.PutAsync($"/api/documents/{document.Id}/lock", null))
        {
            Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        }

        using var response = await Client(caller).SendAsync(Request(path, document.Id, etag));

        Assert.Equal(expected, (int)response.StatusCode);
        if (problemType is not null)
        {
            await response.AssertProblemAsync(HttpStatusCode.Conflict, problemType);
            var problem = await response.ReadProblemAsync();
            Assert.Equal("Ana", problem.GetProperty("lockedBy").GetString());
        }

        // Whatever the answer, nothing was written: the document is still v1, and still locked unless an owner unlocked it.
        var after = await (await people.Owner.Client.GetAsync($"/api/documents/{document.Id}")).ReadAsync<JsonElement>();
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Equal("one\n", after.GetProperty("content").GetString());
        Assert.Equal(!(path == "unlock" && expected == 200), after.GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task ALockAnswersTheSummaryTheDocumentSaysLockedAndTheHistoryRecordsWhoAndWhen()
    {
        var (document, _) = await people.Owner.Client.CreateAsync("Lock summary", "one\n");

        using var locked = await people.Owner.Client.PutAsync($"/api/documents/{document.Slug}/lock", null);
        var summary = await locked.ReadAsync<JsonElement>();
        var read = await (await people.Owner.Client.GetAsync($"/api/documents/{document.Id}")).ReadAsync<JsonElement>();
        using var unlocked = await people.Owner.Client.DeleteAsync($"/api/documents/{document.Id}/lock");
        var after = await unlocked.ReadAsync<JsonElement>();
        var events = await (await people.Owner.Client.GetAsync($"/api/documents/{document.Id}/events")).ReadAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.True(summary.GetProperty("locked").GetBoolean());
        Assert.Equal("Ana", summary.GetProperty("lockedBy").GetString());
        Assert.Equal(document.Id, summary.GetProperty("id").GetGuid());
        Assert.False(summary.TryGetProperty("content", out _));
        Assert.True(read.GetProperty("locked").GetBoolean());
        Assert.Equal("Ana", read.GetProperty("lockedBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("lockedAt").ValueKind);
        Assert.False(after.GetProperty("locked").GetBoolean());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("lockedBy").ValueKind);
        var kinds = Items(events).Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("actor").GetString())).ToList();
        Assert.Equal([("unlocked", "Ana"), ("locked", "Ana")], kinds.Take(2));
    }

    [Fact]
    public async Task AConditionalGetNeverAnswers304AcrossALockOrAnUnlock()
    {
        var (document, etag) = await people.Owner.Client.CreateAsync("Cached lock", "one\n");
        (await people.Owner.Client.PutAsync($"/api/documents/{document.Id}/lock", null)).Dispose();

        using var whileLocked = await ConditionalGetAsync(document.Id, etag);
        var lockedETag = whileLocked.Headers.ETag!.ToString();
        using var unchanged = await ConditionalGetAsync(document.Id, lockedETag);
        (await people.Owner.Client.DeleteAsync($"/api/documents/{document.Id}/lock")).Dispose();
        using var afterUnlock = await ConditionalGetAsync(document.Id, lockedETag);

        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode);
        Assert.True((await whileLocked.ReadAsync<JsonElement>()).GetProperty("locked").GetBoolean());
        Assert.NotEqual(etag, lockedETag);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterUnlock.StatusCode);
        Assert.False((await afterUnlock.ReadAsync<JsonElement>()).GetProperty("locked").GetBoolean());
        Assert.Equal(etag, afterUnlock.Headers.ETag!.ToString());
    }

    private async Task<HttpResponseMessage> ConditionalGetAsync(Guid id, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{id}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await people.Owner.Client.SendAsync(request);
    }

    [Fact]
    public async Task AfterAnUnlockTheEditorsSaveAgain()
    {
        var (document, _) = await people.Owner.Client.CreateAsync("Unlock then save", "one\n");
        await people.Owner.GrantAsync(document.Id, people.Editor, "editor");
        (await people.Owner.Client.PutAsync($"/api/documents/{document.Id}/lock", null)).Dispose();
        using (var refused = await people.Editor.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "two\n", baseVersion = 1 })))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.DocumentLocked);
        }

        (await people.Owner.Client.DeleteAsync($"/api/documents/{document.Id}/lock")).Dispose();
        using var saved = await people.Editor.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "two\n", baseVersion = 1 }));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(2, (await saved.ReadAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task TheListShowsWhichDocumentsAreLocked()
    {
        var (document, _) = await people.Owner.Client.CreateAsync($"Listed lock {Guid.NewGuid():N}", "one\n");
        (await people.Owner.Client.PutAsync($"/api/documents/{document.Id}/lock", null)).Dispose();

        var list = await (await people.Owner.Client.GetAsync($"/api/documents?q={Uri.EscapeDataString(document.Title)}")).ReadAsync<JsonElement>();

        var item = Assert.Single(Items(list));
        Assert.True(item.GetProperty("locked").GetBoolean());
        Assert.Equal("Ana", item.GetProperty("lockedBy").GetString());
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement page) =>
        (page.ValueKind == JsonValueKind.Array ? page : page.GetProperty("items")).EnumerateArray();

    private HttpClient Client(string caller) => caller switch
    {
        "anonymous" => _factory.CreateClient(),
        "stranger" => people.Stranger.Client,
        "viewer" => people.Viewer.Client,
        "editor" => people.Editor.Client,
        _ => people.Owner.Client,
    };

    private static HttpRequestMessage Request(string path, Guid id, string etag)
    {
        switch (path)
        {
            case "save":
                return ApiClient.Put(id.ToString(), new { content = "two\n", baseVersion = 1 });
            case "save-if-match-any":
                return ApiClient.Put(id.ToString(), new { content = "two\n" }, "*");
            case "save-if-match":
                return ApiClient.Put(id.ToString(), new { content = "two\n" }, etag);
            case "archive":
                var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{id}");
                archive.Headers.TryAddWithoutValidation("If-Match", etag);
                return archive;
            case "restore":
                return new HttpRequestMessage(HttpMethod.Post, $"/api/documents/{id}/restore");
            case "lock":
                return new HttpRequestMessage(HttpMethod.Put, $"/api/documents/{id}/lock");
            default:
                return new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{id}/lock");
        }
    }
}
