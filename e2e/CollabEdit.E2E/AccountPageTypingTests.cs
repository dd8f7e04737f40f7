using System.Net.Http.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// The account page typed into at a person's speed, with every limit at its default, on a server of its own (its
/// sign-ins and the password change draw from the address's sign-in allowance, which the other forms' tests use up).
/// </summary>
public sealed class AccountPageTypingTests(TypingAsPeopleDoTests.DefaultLimitsApp app) : IClassFixture<TypingAsPeopleDoTests.DefaultLimitsApp>
{
    private const string Password = AccountTests.Password;

    [Fact]
    public async Task TheAccountPageTakesANameAndAPasswordTypedAtPeoplesSpeed()
    {
        var page = await app.SignedInPageAsync("ed.account@example.org", "/account");
        await Assertions.Expect(page.Locator("[data-testid=account-email]")).ToHaveTextAsync("ed.account@example.org", new() { Timeout = 30_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();

        await page.Locator("#ce-display-name").ClearAsync();
        await Typing.TypeAsync(page, "#ce-display-name", "Eduardo Reis");
        await page.ClickAsync("[data-testid=save-name]");
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("Eduardo Reis", new() { Timeout = 15_000 });

        await page.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(page, "#ce-current-password", Password);
        await Typing.TypeAsync(page, "#ce-new-password", "another long passphrase");
        await page.ClickAsync("[data-testid=change-password]");
        await Assertions.Expect(page.Locator("[data-testid=account-saved]")).ToHaveTextAsync("Password changed.", new() { Timeout = 15_000 });
        using var login = await app.Api.PostAsJsonAsync("/api/auth/login", new { email = "ed.account@example.org", password = "another long passphrase" });
        Assert.True(login.IsSuccessStatusCode);
    }
}
