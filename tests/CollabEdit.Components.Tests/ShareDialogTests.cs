using CollabEdit.Web.Components.Editing;
using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
using MudBlazor;

namespace CollabEdit.Components.Tests;

/// <summary>The sharing dialog on the real core (secure default, real accounts), opened as the editor page opens it.</summary>
public sealed class ShareDialogTests : ComponentTestContext, IClassFixture<RealApp>
{
    private readonly RealApp _app;

    public ShareDialogTests(RealApp app)
    {
        _app = app;
        Services.AddSingleton(new DocumentSharing(
            app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<CollabEdit.Web.Storage.CollabEditDbContext>>(),
            app.Services.GetRequiredService<DocumentGate>(),
            TimeProvider.System));
        Services.AddSingleton(app.Services.GetRequiredService<CollabEdit.Web.Features.Commands.CommandPipeline>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(app.Services.GetRequiredService<DocumentGate>());
        Services.AddSingleton(app.Services.GetRequiredService<ClientRateLimiter>());
        Services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor());
        Services.AddScoped<CircuitUser>();
        AddAuthorization().SetAuthorized("owner");
    }

    [Fact]
    public async Task AnOwnerSharesByEmailAndSeesWhoHasAccess()
    {
        var (document, owner) = await DocumentAsync();
        var bo = _app.Account($"bo-{Guid.NewGuid():N}@example.org", "Bo");
        var provider = await OpenAsync(document, owner, canManage: true);

        provider.Find("#ce-share-email").Change(EmailOf(bo));
        provider.Find("[data-testid=share-form]").Submit();

        provider.WaitForAssertion(() => Assert.Equal(2, provider.FindAll("[data-testid=access-entry]").Count));
        Assert.Contains("Bo", provider.FindAll("[data-testid=access-entry]")[1].TextContent, StringComparison.Ordinal);
        Assert.Empty(provider.FindAll("[data-testid=share-error]"));
    }

    [Fact]
    public async Task AnEmailNobodySignedUpWithIsExplainedAndAViewerCannotChangeAnything()
    {
        var (document, owner) = await DocumentAsync();
        var provider = await OpenAsync(document, owner, canManage: true);

        provider.Find("#ce-share-email").Change("nobody@example.org");
        provider.Find("[data-testid=share-form]").Submit();

        provider.WaitForAssertion(() => Assert.Contains("Nobody has an account with the email nobody@example.org", provider.Find("[data-testid=share-error]").TextContent, StringComparison.Ordinal));

        var viewer = await OpenAsync(document, owner, canManage: false);
        viewer.WaitForAssertion(() => Assert.Empty(viewer.FindAll("[data-testid=share-form]")));
        Assert.Empty(viewer.FindAll("[data-testid=entry-remove]"));
    }

    [Fact]
    public async Task ARefusedDemotionOfTheLastOwnerShowsTheRoleTheServerKeptAndWhyInPlainWords()
    {
        var (document, owner) = await DocumentAsync();
        var provider = await OpenAsync(document, owner, canManage: true);
        provider.WaitForAssertion(() => Assert.Single(provider.FindAll("[data-testid=access-entry]")));

        // The owner picks Viewer for themselves in the role menu, as a click on the menu's item does.
        var menu = provider.FindComponent<MudSelect<DocumentRole>>();
        await provider.InvokeAsync(() => menu.Instance.SelectOption(DocumentRole.Viewer));

        provider.WaitForAssertion(() => Assert.Equal(
            "Not changed: Olga is still an owner. A document keeps at least one owner: make someone else owner first.",
            provider.Find("[data-testid=share-error]").TextContent.Trim()));
        Assert.Equal(DocumentRole.Owner, provider.FindComponent<MudSelect<DocumentRole>>().Instance.GetState(x => x.Value));
    }

    private string EmailOf(DocumentActor actor)
    {
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CollabEditUser>>();
        return users.FindByIdAsync(actor.UserId!).GetAwaiter().GetResult()!.Email!;
    }

    private async Task<(Document Document, DocumentActor Owner)> DocumentAsync()
    {
        var owner = _app.Account($"owner-{Guid.NewGuid():N}@example.org", "Olga");
        var created = (DocumentOutcome.Created)await _app.Services.GetRequiredService<CollabEdit.Web.Features.Commands.CommandPipeline>()
            .SendAsync(new CreateDocumentCommand($"Shared {Guid.NewGuid():N}", null, "x\n", owner), CancellationToken.None);
        return (created.Document.Head, owner);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(Document document, DocumentActor actor, bool canManage)
    {
        var provider = Render<MudDialogProvider>();
        var parameters = new DialogParameters<ShareDialog>
        {
            { d => d.DocumentId, document.Id },
            { d => d.Actor, actor },
            { d => d.CanManage, canManage },
        };
        await provider.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<ShareDialog>("Share", parameters));
        return provider;
    }
}
