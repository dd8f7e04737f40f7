using System.Security.Claims;
using CollabEdit.Web.Components.Layout;
using CollabEdit.Web.Components.Pages;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CollabEdit.Components.Tests;

/// <summary>The documents list on the real core (secure default, real accounts): it follows the person's access live.</summary>
public sealed class HomeTests : ComponentTestContext, IClassFixture<RealApp>
{
    private readonly RealApp _app;
    private readonly DocumentActor _bo;

    public HomeTests(RealApp app)
    {
        _app = app;
        _bo = app.Account($"bo-{Guid.NewGuid():N}@example.org", "Bo");
        Services.AddSingleton(app.Services.GetRequiredService<DocumentService>());
        Services.AddSingleton(app.Services.GetRequiredService<DocumentGate>());
        Services.AddSingleton(app.Services.GetRequiredService<ClientRateLimiter>());
        Services.AddSingleton(app.Services.GetRequiredService<IAccessFeed>());
        Services.AddSingleton(app.Services.GetRequiredService<CollabEdit.Web.Features.Commands.CommandPipeline>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<CircuitUser>();
        Services.AddScoped<BrowserPreferences>();
        AddAuthorization().SetAuthorized("Bo").SetClaims(new Claim(ClaimTypes.NameIdentifier, _bo.UserId!));
    }

    [Fact]
    public async Task ADocumentSharedWithYouAppearsInYourListWithoutAReload()
    {
        var olga = _app.Account($"olga-{Guid.NewGuid():N}@example.org", "Olga");
        var title = $"Shared live {Guid.NewGuid():N}";
        var created = (DocumentOutcome.Created)await _app.Services.GetRequiredService<CollabEdit.Web.Features.Commands.CommandPipeline>()
            .SendAsync(new CreateDocumentCommand(title, null, "x\n", olga), CancellationToken.None);
        Render<MudPopoverProvider>();
        var home = Render<Home>();
        home.WaitForAssertion(() => Assert.Equal("true", home.Find(".ce-page").GetAttribute("data-ready")));
        Assert.DoesNotContain(home.FindAll("[data-testid=document-link]"), link => link.TextContent == title);

        await using var scope = _app.Services.CreateAsyncScope();
        var shared = await scope.ServiceProvider.GetRequiredService<CollabEdit.Web.Features.Commands.CommandPipeline>().SendAsync(
            new SetAccessCommand(created.Document.Head.Id.ToString(), EmailOf(_bo), DocumentRole.Viewer, olga), CancellationToken.None);

        Assert.IsType<AccessOutcome.AccessListed>(shared);
        home.WaitForAssertion(() => Assert.Contains(home.FindAll("[data-testid=document-link]"), link => link.TextContent == title));
    }

    private string EmailOf(DocumentActor actor)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CollabEditUser>>();
        return users.FindByIdAsync(actor.UserId!).GetAwaiter().GetResult()!.Email!;
    }
}
