using System.Net.Http.Json;
using System.Net;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Storage;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CollabEdit.Web.Tests.Access;

/// <summary>
/// What one account can learn of, or do to, another's documents through the create path: idempotency keys belong to
/// the account that sent them, and a slug held by a document you cannot see behaves as if that document did not exist.
/// </summary>
public sealed class NoLeaksBetweenAccountsTests(NoLeaksBetweenAccountsTests.People people) : IClassFixture<NoLeaksBetweenAccountsTests.People>
{
    public sealed class People : IAsyncLifetime
    {
        public SecureApiFactory Factory { get; } = new();
        public Account Ana { get; private set; } = default!;
        public Account Eve { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Ana = await Factory.SignUpAsync("ana", "Ana");
            Eve = await Factory.SignUpAsync("eve", "Eve");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Fact]
    public async Task AnotherAccountSendingYourKeyAndBodyGetsItsOwnDocumentNotAReplayOfYours()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Ana's plans", content = "secret\n" };
        using var anas = await PostAsync(people.Ana, key, body);
        var ana = await anas.ReadAsync<DocumentResponse>();

        using var eves = await PostAsync(people.Eve, key, body);

        Assert.Equal(HttpStatusCode.Created, eves.StatusCode);
        Assert.False(eves.Headers.Contains("Idempotent-Replayed"));
        var eve = await eves.ReadAsync<DocumentResponse>();
        Assert.NotEqual(ana.Id, eve.Id);
        Assert.NotEqual(anas.Headers.Location, eves.Headers.Location);
        using var peek = await people.Eve.Client.GetAsync($"/api/documents/{ana.Id}");
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
    }

    [Fact]
    public async Task AKeyAnotherAccountUsedFirstStillCreatesYourDocument()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "Key squatting", content = "x\n" };
        using var eves = await PostAsync(people.Eve, key, body);
        var eve = await eves.ReadAsync<DocumentResponse>();

        using var anas = await PostAsync(people.Ana, key, body);
        using var anasReplay = await PostAsync(people.Ana, key, body);

        Assert.Equal(HttpStatusCode.Created, anas.StatusCode);
        var ana = await anas.ReadAsync<DocumentResponse>();
        Assert.NotEqual(eve.Id, ana.Id);
        using (var own = await people.Ana.Client.GetAsync($"/api/documents/{ana.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }

        // Her own retry is still a replay of her own document.
        Assert.Equal("true", anasReplay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(ana.Id, (await anasReplay.ReadAsync<DocumentResponse>()).Id);
    }

    [Fact]
    public async Task AKeyAnotherAccountHasInFlightDoesNotBlockYours()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { title = "In flight elsewhere", content = "x" };
        await using (var scope = people.Factory.OpenDb())
        {
            var eveId = await scope.Db.Users.Where(u => u.Email == people.Eve.Email).Select(u => u.Id).SingleAsync();
            scope.Db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Owner = $"account:{eveId}",
                Key = key,
                RequestHash = IdempotencyStore.HashRequest(new CreateDocumentRequest(body.title, null, body.content)),
                State = IdempotencyState.InFlight,
                CreatedAt = DateTime.UtcNow,
            });
            await scope.Db.SaveChangesAsync();
        }

        using var anas = await PostAsync(people.Ana, key, body);

        Assert.Equal(HttpStatusCode.Created, anas.StatusCode);
    }

    [Fact]
    public async Task ASlugHeldByADocumentYouCannotSeeGivesYouTheNextFreeSlugNot409()
    {
        var slug = $"hidden-{Guid.NewGuid():N}"[..20];
        using (var anas = await PostAsync(people.Ana, null, new { title = "Hidden", slug }))
        {
            Assert.Equal(HttpStatusCode.Created, anas.StatusCode);
        }

        using var eves = await PostAsync(people.Eve, null, new { title = "Mine", slug });

        Assert.Equal(HttpStatusCode.Created, eves.StatusCode);
        var eve = await eves.ReadAsync<DocumentResponse>();
        Assert.Equal($"{slug}-2", eve.Slug);
        Assert.EndsWith($"/api/documents/{eve.Id}", eves.Headers.Location!.ToString(), StringComparison.Ordinal);
        // The slug still names Ana's document, which Eve still cannot see.
        using var peek = await people.Eve.Client.GetAsync($"/api/documents/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
    }

    [Fact]
    public async Task ASlugHeldByADocumentYouCanSeeIs409()
    {
        var slug = $"shared-{Guid.NewGuid():N}"[..20];
        using var anas = await PostAsync(people.Ana, null, new { title = "Shared", slug });
        await people.Ana.GrantAsync((await anas.ReadAsync<DocumentResponse>()).Id, people.Eve, "viewer");

        using var eves = await PostAsync(people.Eve, null, new { title = "Mine", slug });
        using var own = await PostAsync(people.Ana, null, new { title = "Again", slug });

        await eves.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.SlugTaken);
        await own.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.SlugTaken);
    }

    [Fact]
    public async Task ALongSlugHeldOutOfSightStillGetsAValidFreeOne()
    {
        var slug = ("long-" + string.Concat(Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString("N"))))[..DocumentRules.MaxSlugLength];
        using (await PostAsync(people.Ana, null, new { title = "Long", slug }))
        {
        }

        using var eves = await PostAsync(people.Eve, null, new { title = "Long too", slug });

        Assert.Equal(HttpStatusCode.Created, eves.StatusCode);
        var eve = await eves.ReadAsync<DocumentResponse>();
        Assert.True(DocumentRules.IsValidSlug(eve.Slug), eve.Slug);
        Assert.NotEqual(slug, eve.Slug);
    }

    private static Task<HttpResponseMessage> PostAsync(Account account, string? key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyRules.HeaderName, key);
        }

        return account.Client.SendAsync(request);
    }
}
