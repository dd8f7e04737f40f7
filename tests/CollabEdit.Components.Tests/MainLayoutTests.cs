using Bunit.TestDoubles;
using CollabEdit.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Components.Tests;

public sealed class MainLayoutTests : ComponentTestContext
{
    private readonly BunitJSModuleInterop _module;
    private readonly BunitAuthorizationContext _authorization;

    public MainLayoutTests()
    {
        // Nobody signed in (open mode): the name comes from the browser's preferences.
        _authorization = AddAuthorization();
        Services.AddScoped<BrowserPreferences>();
        _module = JSInterop.SetupModule("/assets/collabedit.js");
        _module.Setup<BrowserPreferences.StoredPreferences?>("getPreferences").SetResult(new BrowserPreferences.StoredPreferences("Ana", "light", "Europe/Lisbon"));
        _module.SetupVoid("setTheme", _ => true).SetVoidResult();
    }

    [Fact]
    public void TheAppBarShowsTheNameAndTheThemeSwitchRemembersTheChoice()
    {
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        layout.WaitForAssertion(() => Assert.Equal("Ana", layout.Find("[data-testid=user-name]").TextContent.Trim()));
        var lightStyles = ThemeStyles(layout);

        layout.Find("[data-testid=theme-toggle]").Click();

        // The theme provider now writes the other (dark) palette.
        layout.WaitForAssertion(() => Assert.NotEqual(lightStyles, ThemeStyles(layout)));
        Assert.Equal("dark", _module.VerifyInvoke("setTheme").Arguments[0]);
        Assert.Equal("Switch to light theme", layout.Find("[data-testid=theme-toggle]").GetAttribute("aria-label"));
    }

    [Fact]
    public void ASignedInUserSeesTheirDisplayNameWithSignOutAndAccountInItsMenu()
    {
        _authorization.SetAuthorized("ana@example.org");
        _authorization.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-1"),
            new System.Security.Claims.Claim(CollabEdit.Web.Features.Access.Actors.DisplayNameClaim, "Ana Lopez"));

        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        layout.WaitForAssertion(() => Assert.Equal("Ana Lopez", layout.Find("[data-testid=user-name]").TextContent.Trim()));
        layout.Find("[data-testid=user-name] button").Click();

        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("[data-testid=sign-out]")));
        Assert.Equal("/account", layout.Find("[data-testid=account-settings]").GetAttribute("href"));
    }

    [Fact]
    public void ThePhonesIconMenuIsNamedForScreenReadersAndOpensTheSameItems()
    {
        SignInAsUserOne();
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        // Below 600 px the stylesheet shows this menu instead of the named one.
        var icon = layout.Find("[data-testid=account-menu] button");
        Assert.Equal("Signed in as Ana Lopez: account menu", icon.GetAttribute("aria-label"));
        icon.Click();
        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("[data-testid=sign-out]")));
        Assert.Equal("/account", layout.Find("[data-testid=account-settings]").GetAttribute("href"));
    }

    [Fact]
    public void SigningOutWithUnsavedDraftsAsksFirstAndStayingKeepsThePersonSignedIn()
    {
        SignInAsUserOne();
        _module.Setup<int>("countDrafts", _ => true).SetResult(2);
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        layout.Find("[data-testid=user-name] button").Click();
        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("[data-testid=sign-out]")));
        layout.Find("[data-testid=sign-out]").Click();

        layout.WaitForAssertion(() => Assert.Contains("You have unsaved changes in 2 documents", layout.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.Equal("account:user-1", _module.VerifyInvoke("countDrafts").Arguments[0]);
        layout.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == "Stay signed in").Click();

        layout.WaitForAssertion(() => Assert.Empty(layout.FindAll(".mud-dialog")));
        _module.VerifyNotInvoke("signOut");
    }

    [Fact]
    public void SigningOutRemovesThePersonsDraftsFromTheBrowser()
    {
        SignInAsUserOne();
        _module.Setup<int>("countDrafts", _ => true).SetResult(0);
        _module.SetupVoid("signOut", _ => true).SetVoidResult();
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));
        layout.Find("[data-testid=user-name] button").Click();
        layout.WaitForAssertion(() => Assert.NotNull(layout.Find("[data-testid=sign-out]")));
        layout.Find("[data-testid=sign-out]").Click();

        // Nothing unsaved: nothing to ask. The browser is told whose drafts to remove before it signs out.
        layout.WaitForAssertion(() => Assert.Equal("account:user-1", _module.VerifyInvoke("signOut").Arguments[0]));
        Assert.Empty(layout.FindAll(".mud-dialog"));
    }

    private void SignInAsUserOne()
    {
        _authorization.SetAuthorized("ana@example.org");
        _authorization.SetClaims(
            new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, "user-1"),
            new System.Security.Claims.Claim(CollabEdit.Web.Features.Access.Actors.DisplayNameClaim, "Ana Lopez"));
    }

    private static string ThemeStyles(IRenderedComponent<MainLayout> layout) => string.Concat(layout.FindAll("style").Select(s => s.TextContent));

    [Fact]
    public void TheAppBarSearchOpensTheListWithTheQuery()
    {
        var layout = Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        layout.Find("[data-testid=appbar-search]").Change("trip plans");
        layout.Find("form[role=search]").Submit();

        Assert.EndsWith("/?q=trip%20plans", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
