using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// Every form, typed into at a person's speed (80 ms a key) with every limit at its default, in the secure
/// default. Before the circuit was freed from the documents hub's rate limit, typing faster than ~6 keys a second
/// was silently dropped: sign-up and sign-in buttons stayed dead and "Meeting notes for the Porto trip" came out
/// cut or not at all.
/// </summary>
public sealed class TypingAsPeopleDoTests(TypingAsPeopleDoTests.DefaultLimitsApp app) : IClassFixture<TypingAsPeopleDoTests.DefaultLimitsApp>
{
    private const string Password = AccountTests.Password;

    [Fact]
    public async Task APersonTypingTheSignUpAndSignInFormsIsSignedUpAndSignedIn()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(new Uri(app.Address, "/account/signup").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(page, "#ce-display-name", "Ana Lima");
        await Typing.TypeAsync(page, "#ce-email", "ana.lima@example.org");
        await Typing.TypeAsync(page, "#ce-password", Password);
        await page.ClickAsync("[data-testid=signup]");
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("Ana Lima", new() { Timeout = 30_000 });

        await page.Locator("[data-ready=true]").WaitForAsync();
        await page.ClickAsync("[data-testid=user-name]");
        await page.ClickAsync("[data-testid=sign-out]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/signin"));
        await SignInAsync(page, "ana.lima@example.org");
        await Assertions.Expect(page.Locator("[data-testid=user-name]")).ToHaveTextAsync("Ana Lima", new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task ANewDocumentTitleTypedAtPeoplesSpeedCreatesThatDocumentWithExactlyThatTitle()
    {
        var page = await app.SignedInPageAsync("bo.porto@example.org");
        await page.ClickAsync("[data-testid=new-document]");
        await Typing.TypeAsync(page.Locator("[data-testid=new-title]"), "Meeting notes for the Porto trip");

        await AppFixture.ScreenshotAsync(page, "typing-new-document", fullPage: false);
        await Assertions.Expect(page.Locator("[data-testid=new-title]")).ToHaveValueAsync("Meeting notes for the Porto trip");
        await page.ClickAsync("[data-testid=create]");

        await Assertions.Expect(page.Locator("#ce-title")).ToHaveValueAsync("Meeting notes for the Porto trip", new() { Timeout = 15_000 });
        await app.SignInApiAsync("bo.porto@example.org");
        var found = await app.Api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/documents?q=Porto");
        Assert.Equal(["Meeting notes for the Porto trip"], found.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task AnEmailTypedIntoTheSharingDialogAtPeoplesSpeedSharesTheDocument()
    {
        await app.RegisterAsync("cy.guest@example.org");
        var page = await app.SignedInPageAsync("di.owner@example.org");
        await page.ClickAsync("[data-testid=new-document]");
        await Typing.TypeAsync(page.Locator("[data-testid=new-title]"), "Shared trip plan");
        await page.ClickAsync("[data-testid=create]");
        await page.Locator("[data-testid=share-open]").WaitForAsync(new() { Timeout = 15_000 });
        await page.Locator("[data-ready=true]").WaitForAsync();

        await page.ClickAsync("[data-testid=share-open]");
        await Typing.TypeAsync(page, "#ce-share-email", "cy.guest@example.org");
        await page.ClickAsync("[data-testid=share]");

        await Assertions.Expect(page.Locator("[data-testid=access-entry]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=access-entry] >> nth=1")).ToContainTextAsync("cy.guest@example.org");
        await Assertions.Expect(page.Locator("[data-testid=share-error]")).ToHaveCountAsync(0);
    }

    /// <summary>Types the sign-in form, as a person does, and signs in.</summary>
    internal static async Task SignInAsync(IPage page, string email)
    {
        await page.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(page, "#ce-email", email);
        await Typing.TypeAsync(page, "#ce-password", Password);
        await page.ClickAsync("[data-testid=signin]");
    }

    /// <summary>
    /// The secure default with every rate limit at its default, as people meet the app. Sign-ups and sign-ins from
    /// one address share ten a minute, the tests' own included: a class of tests that needs more has its own server.
    /// </summary>
    public sealed class DefaultLimitsApp() : AccountTests.SecureApp(limitsAtDefaults: true)
    {
        public async Task RegisterAsync(string email)
        {
            using var register = await Api.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        /// <summary>A new account, signed in on a new page through the typed sign-in form, on <paramref name="path"/>.</summary>
        public async Task<IPage> SignedInPageAsync(string email, string path = "/", string theme = "light", int width = 1280, int height = 800)
        {
            await RegisterAsync(email);
            var page = await NewPageAsync(theme, width, height);
            await page.GotoAsync(new Uri(Address, $"/account/signin?ReturnUrl={Uri.EscapeDataString(path)}").ToString());
            await SignInAsync(page, email);
            await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"), new() { Timeout = 30_000 });
            await page.Locator("[data-ready=true]").WaitForAsync();
            return page;
        }
    }
}
