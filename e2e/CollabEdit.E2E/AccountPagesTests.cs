using System.Net.Http.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// The account pages on a server of their own in the secure default (with accounts already there, so that
/// <see cref="AccountTests"/> keeps its fresh server): wrong passwords, looks, accessibility.
/// </summary>
public sealed class AccountPagesTests(AccountTests.SecureApp app) : IClassFixture<AccountTests.SecureApp>
{
    private const string Password = AccountTests.Password;

    [Fact]
    public async Task AWrongPasswordSaysSoAndSignsNobodyIn()
    {
        using (await app.Api.PostAsJsonAsync("/api/auth/register", new { email = "cy@example.org", password = Password }))
        {
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/account/signin").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(page, "#ce-email", "cy@example.org");
        await Typing.TypeAsync(page, "#ce-password", "not the password at all");
        await page.ClickAsync("[data-testid=signin]");

        await Assertions.Expect(page.Locator("[data-testid=signin-error]")).ToHaveTextAsync("The email or the password is wrong.");
        await AppFixture.ScreenshotAsync(page, "signin-wrong-password", fullPage: false);
        await page.GotoAsync(new Uri(app.Address, "/").ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }

    [Theory]
    [InlineData("light", 1280, 800)]
    [InlineData("dark", 390, 844)]
    public async Task TheAccountPagesAndTheSharingDialogLookRightAndHaveNoSeriousAccessibilityViolations(string theme, int width, int height)
    {
        var email = $"look-{theme}-{width}@example.org";
        using (var register = await app.Api.PostAsJsonAsync("/api/auth/register", new { email, password = Password }))
        {
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        var page = await app.NewPageAsync(theme, width, height);
        var name = $"{theme}-{width}x{height}";
        var found = new List<string>();
        await page.GotoAsync(new Uri(app.Address, "/account/signup").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync();
        await PageChecks.Shoot(page, $"signup-{name}");
        found.AddRange(await PageChecks.ScanAsync(page, "sign-up"));

        await page.GotoAsync(new Uri(app.Address, "/account/signin?ReturnUrl=%2F").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync();
        await PageChecks.Shoot(page, $"signin-{name}");
        found.AddRange(await PageChecks.ScanAsync(page, "sign-in"));
        await Typing.TypeAsync(page, "#ce-email", email);
        await Typing.TypeAsync(page, "#ce-password", Password);
        await page.ClickAsync("[data-testid=signin]");
        await Assertions.Expect(page.Locator("[data-testid=new-document]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();

        await page.ClickAsync("[data-testid=new-document]");
        await Typing.TypeAsync(page.Locator("[data-testid=new-title]"), $"Shared look {name}");
        await page.ClickAsync("[data-testid=create]");
        await page.Locator("[data-testid=share-open]").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();
        await page.ClickAsync("[data-testid=share-open]");
        await Assertions.Expect(page.Locator("[data-testid=access-entry]")).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(300); // the dialog's opening animation
        await PageChecks.Shoot(page, $"share-dialog-{name}");
        found.AddRange(await PageChecks.ScanAsync(page, "sharing dialog"));

        await page.GotoAsync(new Uri(app.Address, "/account").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync();
        Assert.Equal(email, (await page.Locator("[data-testid=account-email]").TextContentAsync())?.Trim());
        await PageChecks.Shoot(page, $"account-{name}");
        found.AddRange(await PageChecks.ScanAsync(page, "account"));

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task TheAccountPageChangesTheDisplayNameAtOnceAndThePassword()
    {
        const string email = "dee@example.org";
        using (var register = await app.Api.PostAsJsonAsync("/api/auth/register", new { email, password = Password }))
        {
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/account/signin?ReturnUrl=%2Faccount").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(page, "#ce-email", email);
        await Typing.TypeAsync(page, "#ce-password", Password);
        await page.ClickAsync("[data-testid=signin]");
        await Assertions.Expect(page.Locator("[data-testid=account-email]")).ToHaveTextAsync(email, new() { Timeout = 30_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();

        await page.Locator("#ce-display-name").ClearAsync();
        await Typing.TypeAsync(page, "#ce-display-name", "Dee Dee");
        await page.ClickAsync("[data-testid=save-name]");

        // The cookie is renewed with the new name: the app bar shows it after the reload, no new sign-in needed.
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("Dee Dee", new() { Timeout = 15_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(page, "#ce-current-password", Password);
        await Typing.TypeAsync(page, "#ce-new-password", "another long passphrase");
        await page.ClickAsync("[data-testid=change-password]");
        await Assertions.Expect(page.Locator("[data-testid=account-saved]")).ToHaveTextAsync("Password changed.", new() { Timeout = 15_000 });
        using var login = await app.Api.PostAsJsonAsync("/api/auth/login", new { email, password = "another long passphrase" });
        Assert.True(login.IsSuccessStatusCode);
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task OnAPhoneTheAccountMenuOpensFromItsIconWithYourAccountAndSignOut(string theme)
    {
        var email = $"phone-{theme}@example.org";
        using (var register = await app.Api.PostAsJsonAsync("/api/auth/register", new { email, password = Password }))
        {
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        var page = await app.NewPageAsync(theme, 390, 844);
        await page.GotoAsync(new Uri(app.Address, "/account/signin?ReturnUrl=%2F").ToString());
        await TypingAsPeopleDoTests.SignInAsync(page, email);
        await Assertions.Expect(page.Locator("[data-testid=new-document]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();

        var menu = page.GetByRole(AriaRole.Button, new() { Name = $"Signed in as phone-{theme}: account menu" });
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=theme-toggle]")).ToBeInViewportAsync(new() { Ratio = 1 });
        await menu.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=account-settings]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=sign-out]")).ToBeVisibleAsync();
        await PageChecks.Shoot(page, $"account-menu-phone-{theme}");

        await page.ClickAsync("[data-testid=sign-out]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }

    [Fact]
    public async Task DemotingTheLastOwnerInTheSharingDialogShowsTheRoleTheServerKeptAndWhy()
    {
        const string email = "lone.owner@example.org";
        using (var register = await app.Api.PostAsJsonAsync("/api/auth/register", new { email, password = Password }))
        {
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        var page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/account/signin?ReturnUrl=%2F").ToString());
        await TypingAsPeopleDoTests.SignInAsync(page, email);
        await Assertions.Expect(page.Locator("[data-testid=new-document]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();
        await page.ClickAsync("[data-testid=new-document]");
        await Typing.TypeAsync(page.Locator("[data-testid=new-title]"), "Only mine");
        await page.ClickAsync("[data-testid=create]");
        await page.Locator("[data-testid=share-open]").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();

        await page.ClickAsync("[data-testid=share-open]");
        await page.ClickAsync("[data-testid=access-entry] >> [data-testid=entry-role]");
        await page.ClickAsync(".mud-popover-open .mud-list-item >> text=Viewer");

        await Assertions.Expect(page.Locator("[data-testid=share-error]")).ToHaveTextAsync(
            "Not changed: lone.owner is still an owner. A document keeps at least one owner: make someone else owner first.");
        await Assertions.Expect(page.Locator("[data-testid=access-entry] >> [data-testid=entry-role]")).ToContainTextAsync("Owner");
        await Assertions.Expect(page.Locator("[data-testid=access-entry] >> [data-testid=entry-role]")).Not.ToContainTextAsync("Viewer");
        await PageChecks.Shoot(page, "share-dialog-refused-demotion-light");
    }

    [Fact]
    public async Task ASignUpWithAShortPasswordSaysWhyUnderThePasswordAndKeepsWhatWasTyped()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/account/signup").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(page, "#ce-display-name", "Eve");
        await Typing.TypeAsync(page, "#ce-email", "eve@example.org");
        await Typing.TypeAsync(page, "#ce-password", "short");
        await page.ClickAsync("[data-testid=signup]");

        await Assertions.Expect(page.GetByText("Passwords must be at least 10 characters.")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.Contains("/account/signup", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#ce-display-name")).ToHaveValueAsync("Eve");
        await Assertions.Expect(page.Locator("#ce-email")).ToHaveValueAsync("eve@example.org");
    }
}
