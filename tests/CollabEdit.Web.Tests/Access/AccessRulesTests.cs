using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;

namespace CollabEdit.Web.Tests.Access;

/// <summary>The access rules beyond the matrix: what is listed, who is recorded, owners kept, history of access.</summary>
public sealed class AccessRulesTests(SecureApiFactory factory) : IClassFixture<SecureApiFactory>
{
    [Fact]
    public async Task TheListShowsOnlyDocumentsTheUserHasARoleOnWithThatRole()
    {
        var ana = await factory.SignUpAsync("ana", "Ana");
        var bo = await factory.SignUpAsync("bo", "Bo");
        var (shared, _) = await ana.Client.CreateAsync("Shared with Bo");
        var (own, _) = await ana.Client.CreateAsync("Ana's own");
        await ana.GrantAsync(shared.Id, bo, "viewer");

        var list = await bo.Client.GetFromJsonAsync<JsonElement>("/api/documents?take=100");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetGuid() == shared.Id && i.GetProperty("role").GetString() == "viewer");
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetGuid() == own.Id);
        Assert.Equal(items.Count, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TheAuthorOfASaveIsTheSignedInUserWhateverXAuthorSays()
    {
        var ana = await factory.SignUpAsync("ana", "Ana Lopez");
        var (document, _) = await ana.Client.CreateAsync("Signed", "a\n");

        using var response = await ana.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "b\n", baseVersion = 1 }, author: "Mallory"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ana Lopez", (await response.ReadAsync<DocumentResponse>()).UpdatedBy);
        Assert.Equal("Ana Lopez", document.UpdatedBy);
    }

    [Fact]
    public async Task ADocumentThatIsNotSharedAnswersExactlyLikeOneThatDoesNotExist()
    {
        var ana = await factory.SignUpAsync("ana");
        var bo = await factory.SignUpAsync("bo");
        var (hidden, _) = await ana.Client.CreateAsync("Hidden", slug: $"hidden-{Guid.NewGuid():N}");

        using var bySlug = await bo.Client.GetAsync($"/api/documents/{hidden.Slug}");
        using var missing = await bo.Client.GetAsync($"/api/documents/nothing-{Guid.NewGuid():N}");

        var (a, b) = (await bySlug.ReadProblemAsync(), await missing.ReadProblemAsync());
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (bySlug.StatusCode, missing.StatusCode));
        Assert.Equal(a.GetProperty("type").GetString(), b.GetProperty("type").GetString());
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task TheLastOwnerCanNeitherBeRemovedNorDemoted()
    {
        var ana = await factory.SignUpAsync("ana");
        var (document, _) = await ana.Client.CreateAsync("One owner");

        using var demoted = await ana.Client.PutAsJsonAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(ana.Email)}", new { role = "editor" });
        using var removed = await ana.Client.DeleteAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(ana.Email)}");

        await demoted.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "urn:collabedit:problem:last-owner");
        await removed.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "urn:collabedit:problem:last-owner");
        var access = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/documents/{document.Id}/access");
        Assert.Equal("owner", access.GetProperty("items").EnumerateArray().Single().GetProperty("role").GetString());
    }

    [Fact]
    public async Task OwnersDemotingEachOtherAtOnceStillLeaveOneOwner()
    {
        var ana = await factory.SignUpAsync("ana");
        var owners = new List<Account> { ana };
        var (document, _) = await ana.Client.CreateAsync("Many owners");
        for (var i = 0; i < 7; i++)
        {
            var owner = await factory.SignUpAsync($"owner{i}");
            await ana.GrantAsync(document.Id, owner, "owner");
            owners.Add(owner);
        }

        // Every owner demotes every other owner, all at once.
        var demotions = owners.SelectMany(by => owners.Where(o => o != by).Select(o => (By: by, Whom: o))).ToList();
        var answers = await Task.WhenAll(demotions.Select(async d =>
        {
            using var response = await d.By.Client.PutAsJsonAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(d.Whom.Email)}", new { role = "editor" });
            return response.StatusCode;
        }));

        var access = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/documents/{document.Id}/access");
        var roles = access.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("role").GetString()).ToList();
        Assert.Equal(1, roles.Count(r => r == "owner"));
        Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.UnprocessableEntity }));
    }

    [Fact]
    public async Task ArchiveRestoreAndAccessChangesAreRecordedWithWhoAndWhen()
    {
        var ana = await factory.SignUpAsync("ana", "Ana");
        var bo = await factory.SignUpAsync("bo", "Bo");
        var (document, etag) = await ana.Client.CreateAsync("Recorded");
        await ana.GrantAsync(document.Id, bo, "viewer");
        await ana.GrantAsync(document.Id, bo, "editor");
        using (var archive = new HttpRequestMessage(HttpMethod.Delete, $"/api/documents/{document.Id}"))
        {
            archive.Headers.TryAddWithoutValidation("If-Match", etag);
            Assert.Equal(HttpStatusCode.NoContent, (await ana.Client.SendAsync(archive)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await ana.Client.PostAsync($"/api/documents/{document.Id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ana.Client.DeleteAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(bo.Email)}")).StatusCode);

        var events = (await ana.Client.GetFromJsonAsync<JsonElement>($"/api/documents/{document.Id}/events")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["accessRemoved", "restored", "archived", "accessChanged", "accessGranted"], events.Select(e => e.GetProperty("kind").GetString()));
        Assert.All(events, e => Assert.Equal("Ana", e.GetProperty("actor").GetString()));
        Assert.All(events, e => Assert.True(DateTime.UtcNow - e.GetProperty("at").GetDateTime() < TimeSpan.FromMinutes(1)));
        Assert.Equal((bo.Email, "editor"), (events[3].GetProperty("subject").GetString(), events[3].GetProperty("role").GetString()));
    }

    [Fact]
    public async Task SharingWithAnEmailNobodySignedUpWithSaysSo()
    {
        var ana = await factory.SignUpAsync("ana");
        var (document, _) = await ana.Client.CreateAsync("Nobody");

        using var response = await ana.Client.PutAsJsonAsync($"/api/documents/{document.Id}/access/nobody-{Guid.NewGuid():N}@example.org", new { role = "viewer" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "urn:collabedit:problem:user-not-found");
    }

    [Theory]
    [InlineData("""{"role":"admin"}""")]
    [InlineData("""{"role":2}""")]
    [InlineData("""{}""")]
    public async Task ARoleThatIsNotViewerEditorOrOwnerIsRefused(string body)
    {
        var ana = await factory.SignUpAsync("ana");
        var bo = await factory.SignUpAsync("bo");
        var (document, _) = await ana.Client.CreateAsync("Roles");

        using var response = await ana.Client.PutAsync($"/api/documents/{document.Id}/access/{Uri.EscapeDataString(bo.Email)}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var access = await ana.Client.GetFromJsonAsync<JsonElement>($"/api/documents/{document.Id}/access");
        Assert.Single(access.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task AViewerWhoSavesIsToldTheirRoleAndNothingChanges()
    {
        var ana = await factory.SignUpAsync("ana");
        var vi = await factory.SignUpAsync("vi");
        var (document, _) = await ana.Client.CreateAsync("Read only", "a\n");
        await ana.GrantAsync(document.Id, vi, "viewer");

        using var response = await vi.Client.SendAsync(ApiClient.Put(document.Id.ToString(), new { content = "b\n", baseVersion = 1 }));

        var problem = await response.ReadProblemAsync();
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(("viewer", "editor"), (problem.GetProperty("role").GetString(), problem.GetProperty("requiredRole").GetString()));
    }

    [Fact]
    public async Task ADisplayNameFollowsTheRuleForNames()
    {
        var ana = await factory.SignUpAsync("ana");

        using var refused = await ana.Client.PutAsJsonAsync("/api/auth/me", new { displayName = "Ana\u202Egnp.exe" });
        using var me = await ana.Client.GetAsync("/api/auth/me");

        await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "urn:collabedit:problem:validation");
        Assert.Equal(ana.DisplayName, (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());
    }
}
