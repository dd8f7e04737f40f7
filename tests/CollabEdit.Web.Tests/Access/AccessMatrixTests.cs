using System.Net;
using System.Net.Http.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Access;

/// <summary>
/// Every documents endpoint against every kind of caller: nobody signed in, an account with no access, a viewer,
/// an editor and the owner. Each case gets its own document, so that one case's change cannot make another pass.
/// </summary>
public sealed class AccessMatrixTests(AccessMatrixTests.People people) : IClassFixture<AccessMatrixTests.People>
{
    private readonly SecureApiFactory _factory = people.Factory;
    private Account Owner => people.Owner;
    private Account EditorAccount => people.Editor;
    private Account Viewer => people.Viewer;
    private Account Stranger => people.Stranger;

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
            Owner = await Factory.SignUpAsync("owner", "Olga");
            Editor = await Factory.SignUpAsync("editor", "Ed");
            Viewer = await Factory.SignUpAsync("viewer", "Vi");
            Stranger = await Factory.SignUpAsync("stranger", "Stan");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    public static TheoryData<string, string, int> Cases()
    {
        // caller:                                   anonymous  stranger  viewer  editor  owner
        var table = new (string Endpoint, int[] Statuses)[]
        {
            ("get", [401, 404, 200, 200, 200]),
            ("get-conditional", [401, 404, 304, 304, 304]),
            ("revisions", [401, 404, 200, 200, 200]),
            ("revision", [401, 404, 200, 200, 200]),
            ("events", [401, 404, 200, 200, 200]),
            ("access", [401, 404, 200, 200, 200]),
            ("save", [401, 404, 403, 200, 200]),
            ("save-if-match-any", [401, 404, 403, 200, 200]),
            ("archive", [401, 404, 403, 403, 204]),
            ("restore", [401, 404, 403, 403, 200]),
            ("grant", [401, 404, 403, 403, 200]),
            ("revoke", [401, 404, 403, 403, 200]),
            ("list", [401, 200, 200, 200, 200]),
            ("create", [401, 201, 201, 201, 201]),
        };
        string[] callers = ["anonymous", "stranger", "viewer", "editor", "owner"];
        var data = new TheoryData<string, string, int>();
        foreach (var (endpoint, statuses) in table)
        {
            for (var i = 0; i < callers.Length; i++)
            {
                data.Add(endpoint, callers[i], statuses[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachRoleGetsItsAnswerFromEachEndpoint(string endpoint, string caller, int expected)
    {
        var (document, etag) = await Owner.Client.CreateAsync($"Matrix {endpoint} {caller}", "one\n");
        await Owner.GrantAsync(document.Id, EditorAccount, "editor");
        await Owner.GrantAsync(document.Id, Viewer, "viewer");
        if (endpoint == "restore")
        {
            using var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{document.Id}");
            archive.Headers.TryAddWithoutValidation("If-Match", etag);
            Assert.Equal(HttpStatusCode.NoContent, (await Owner.Client.SendAsync(archive)).StatusCode);
        }

        var client = caller switch
        {
            "anonymous" => _factory.CreateClient(),
            "stranger" => Stranger.Client,
            "viewer" => Viewer.Client,
            "editor" => EditorAccount.Client,
            _ => Owner.Client,
        };
        using var response = await client.SendAsync(Request(endpoint, document.Id, etag));

        Assert.Equal((HttpStatusCode)expected, response.StatusCode);
        switch (expected)
        {
            case 401:
                await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "urn:collabedit:problem:unauthenticated");
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
                break;
            case 403:
                await response.AssertProblemAsync(HttpStatusCode.Forbidden, "urn:collabedit:problem:forbidden");
                break;
            case 404:
                // Exactly what a document that does not exist answers: nothing tells a stranger it is there.
                await response.AssertProblemAsync(HttpStatusCode.NotFound, "urn:collabedit:problem:not-found");
                break;
        }

        // A refused change changed nothing.
        if (expected >= 400 && endpoint.StartsWith("save", StringComparison.Ordinal))
        {
            var current = await Owner.Client.GetFromJsonAsync<DocumentResponse>($"/api/documents/{document.Id}", ApiClient.Json);
            Assert.Equal((1, "one\n"), (current!.Version, current.Content));
        }
    }

    private HttpRequestMessage Request(string endpoint, Guid id, string etag)
    {
        var path = $"/api/documents/{id}";
        var request = endpoint switch
        {
            "get" or "get-conditional" => new HttpRequestMessage(HttpMethod.Get, path),
            "revisions" => new HttpRequestMessage(HttpMethod.Get, $"{path}/revisions"),
            "revision" => new HttpRequestMessage(HttpMethod.Get, $"{path}/revisions/1"),
            "events" => new HttpRequestMessage(HttpMethod.Get, $"{path}/events"),
            "access" => new HttpRequestMessage(HttpMethod.Get, $"{path}/access"),
            "save" => ApiClient.Put(id.ToString(), new { content = "two\n", baseVersion = 1 }),
            "save-if-match-any" => ApiClient.Put(id.ToString(), new { content = "two\n" }, ifMatch: "*"),
            "archive" => new HttpRequestMessage(HttpMethod.Delete, path),
            "restore" => new HttpRequestMessage(HttpMethod.Post, $"{path}/restore"),
            "grant" => new HttpRequestMessage(HttpMethod.Put, $"{path}/access/{Uri.EscapeDataString(Stranger.Email)}") { Content = JsonContent.Create(new { role = "viewer" }) },
            "revoke" => new HttpRequestMessage(HttpMethod.Delete, $"{path}/access/{Uri.EscapeDataString(Viewer.Email)}"),
            "list" => new HttpRequestMessage(HttpMethod.Get, "/api/documents"),
            "create" => new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(new { title = $"Made by someone {Guid.NewGuid():N}" }) },
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        };
        if (endpoint is "archive")
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        if (endpoint is "get-conditional")
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        return request;
    }
}
