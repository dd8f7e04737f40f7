using System.Security.Claims;
using CollabEdit.Web.Components.Account;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CollabEdit.Components.Tests;

/// <summary>The account page on the real core (secure default, real accounts, SQLite): what the account's documents store against its allowance.</summary>
public sealed class AccountSettingsTests : ComponentTestContext, IClassFixture<RealApp>
{
    private readonly RealApp _app;
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _signedIn;

    public AccountSettingsTests(RealApp app)
    {
        _app = app;
        _ = app.Ana; // the server's first account, given the documents nobody owns (the welcome document): not the one measured
        // Scoped in the app (Identity's user manager): one of the app's scopes per test, as a circuit has.
        Services.AddScoped(_ => app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountService>());
        Services.AddSingleton(app.Services.GetRequiredService<DocumentGate>());
        Services.AddSingleton(app.Services.GetRequiredService<ClientRateLimiter>());
        Services.AddSingleton(app.Services.GetRequiredService<IStorageUsage>());
        Services.AddSingleton(app.Services.GetRequiredService<IOptions<StorageAllowance>>());
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<CircuitUser>();
        _signedIn = AddAuthorization();
    }

    [Fact]
    public async Task ThePageSaysHowMuchOfTheAllowanceTheAccountsDocumentsUseEditorsSavesIncluded()
    {
        var cy = _app.Account($"cy-{Guid.NewGuid():N}@example.org", "Cy");
        var ed = _app.Account($"ed-{Guid.NewGuid():N}@example.org", "Ed");
        var commands = _app.Services.GetRequiredService<CommandPipeline>();
        var created = (DocumentOutcome.Created)await commands.SendAsync(new CreateDocumentCommand("Cy's", null, Text(1, 1024 * 1024), cy), CancellationToken.None);
        var id = created.Document.Head.Id;
        var cysOwn = await StoredAsync(id);
        Assert.IsType<AccessOutcome.AccessListed>(await commands.SendAsync(new SetAccessCommand(id.ToString(), EmailOf(ed), DocumentRole.Editor, cy), CancellationToken.None));
        // Ed's save into Cy's document is Cy's to store.
        Assert.IsType<DocumentOutcome.Saved>(await commands.SendAsync(SaveDocumentCommand.OnBase(id, Text(2, 512 * 1024), null, 1, ed), CancellationToken.None));

        // What both versions cost on disk (never assumed: read back), which says more than Cy's version alone.
        var used = $"Storage: {StorageUnits.Format(await StoredAsync(id))} of 1 GB used";
        Assert.NotEqual($"Storage: {StorageUnits.Format(cysOwn)} of 1 GB used", used);
        var cysPage = RenderAs(cy);
        cysPage.WaitForAssertion(() => Assert.Equal(used, cysPage.Find("[data-testid=account-storage] p").TextContent));
        Assert.Equal(used, cysPage.Find("[data-testid=account-storage] [role=progressbar]").GetAttribute("aria-label"));

        var edsPage = RenderAs(ed);
        edsPage.WaitForAssertion(() => Assert.Equal("Storage: 0 bytes of 1 GB used", edsPage.Find("[data-testid=account-storage] p").TextContent));
    }

    /// <summary>A text of <paramref name="size"/> random printable ASCII bytes, the same for the same seed: it compresses little, so each version costs on disk a good part of its size.</summary>
    private static string Text(int seed, int size)
    {
        var random = new Random(seed);
        return string.Create(size, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)r.Next('!', '~' + 1);
            }
        });
    }

    /// <summary>What the document's versions cost on disk, summed from the database.</summary>
    private async Task<long> StoredAsync(Guid documentId)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<CollabEditDbContext>>().CreateDbContextAsync();
        return await db.Revisions.Where(r => r.DocumentId == documentId).SumAsync(r => r.StoredSize);
    }

    private IRenderedComponent<AccountSettings> RenderAs(DocumentActor who)
    {
        _signedIn.SetAuthorized(who.Author!).SetClaims(new Claim(ClaimTypes.NameIdentifier, who.UserId!));
        return Render<AccountSettings>();
    }

    private string EmailOf(DocumentActor actor)
    {
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CollabEditUser>>().Users.Single(u => u.Id == actor.UserId).Email!;
    }
}
