using System.Net;
using System.Net.Http.Json;
using System.Text;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Documents;

/// <summary>PATCH and GET …/diff in the secure default: access is the pipeline's and the read gate's, as for every write and read.</summary>
public sealed class PatchAccessTests(PatchAccessTests.People people) : IClassFixture<PatchAccessTests.People>
{
    /// <summary>The app and three accounts, made once (password hashing is slow on purpose).</summary>
    public sealed class People : IAsyncLifetime
    {
        public SecureApiFactory Factory { get; } = new();
        public Account Owner { get; private set; } = default!;
        public Account Viewer { get; private set; } = default!;
        public Account Stranger { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Owner = await Factory.SignUpAsync("patch-owner", "Ana");
            Viewer = await Factory.SignUpAsync("patch-viewer", "Vi");
            Stranger = await Factory.SignUpAsync("patch-stranger", "Stan");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized, ProblemTypes.Unauthenticated)]
    [InlineData("stranger", HttpStatusCode.NotFound, ProblemTypes.NotFound)]
    [InlineData("viewer", HttpStatusCode.Forbidden, ProblemTypes.Forbidden)]
    public async Task OnlyEditorsPatch(string caller, HttpStatusCode status, string type)
    {
        var (document, etag) = await people.Owner.Client.CreateAsync($"Patch access {caller}", "a\n");
        await people.Owner.GrantAsync(document.Id, people.Viewer, "viewer");

        using var response = await Client(caller).SendAsync(PatchRequest(document.Id, "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n", etag));

        await response.AssertProblemAsync(status, type);
        Assert.Equal("a\n", (await people.Owner.Client.GetFromJsonAsync<Features.Documents.DocumentResponse>($"/api/documents/{document.Id}", ApiClient.Json))!.Content);
    }

    [Fact]
    public async Task TheOwnerPatches()
    {
        var (document, etag) = await people.Owner.Client.CreateAsync("Patch by owner", "a\n");

        using var response = await people.Owner.Client.SendAsync(PatchRequest(document.Id, "--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n", etag));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData("stranger", HttpStatusCode.NotFound)]
    [InlineData("viewer", HttpStatusCode.OK)]
    public async Task ReadersReadDiffs(string caller, HttpStatusCode status)
    {
        var (document, _) = await people.Owner.Client.CreateAsync($"Diff access {caller}", "a\n");
        await people.Owner.GrantAsync(document.Id, people.Viewer, "viewer");

        using var response = await Client(caller).GetAsync($"/api/documents/{document.Id}/diff?from=1&to=1");

        Assert.Equal(status, response.StatusCode);
    }

    private HttpClient Client(string caller) => caller switch
    {
        "anonymous" => people.Factory.CreateClient(),
        "stranger" => people.Stranger.Client,
        _ => people.Viewer.Client,
    };

    private static HttpRequestMessage PatchRequest(Guid id, string diff, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/documents/{id}") { Content = new StringContent(diff, Encoding.UTF8, "text/x-diff") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
