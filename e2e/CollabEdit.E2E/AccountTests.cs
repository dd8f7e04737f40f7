using System.Net.Http.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>The app in its secure default, as a new team meets it: the first visitor signs up, shares, and roles hold in the browser.</summary>
public sealed class AccountTests(AccountTests.SecureApp app) : IClassFixture<AccountTests.SecureApp>
{
    public const string Password = "a passphrase long enough";

    [Fact]
    public async Task TheFirstVisitorSignsUpSharesADocumentAndAViewerCanOnlyReadUntilMadeEditor()
    {
        var ana = await app.NewPageAsync();
        await ana.GotoAsync(new Uri(app.Address, "/").ToString());

        // Nobody has an account yet: the first visitor is asked to create one.
        await Assertions.Expect(ana).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signup"));
        await Assertions.Expect(ana.Locator("[data-testid=first-account]")).ToBeVisibleAsync();
        await ana.Locator("[data-ready=true]").WaitForAsync();
        await AppFixture.ScreenshotAsync(ana, "signup-first-visitor", fullPage: false);
        await Typing.TypeAsync(ana, "#ce-display-name", "Ana");
        await Typing.TypeAsync(ana, "#ce-email", "ana@example.org");
        await Typing.TypeAsync(ana, "#ce-password", Password);
        await ana.ClickAsync("[data-testid=signup]");

        // Signed in, on the list, owning the welcome document (password hashing is slow on purpose: give it time).
        await Assertions.Expect(ana.Locator("[data-testid=user-name]")).ToHaveTextAsync("Ana", new() { Timeout = 30_000 });
        await Assertions.Expect(ana.Locator("[data-testid=document-link]", new() { HasText = "Welcome to CollabEdit" })).ToBeVisibleAsync();

        // Bo signs up from a script; Ana shares the welcome document with him as a viewer.
        using (var register = await app.Api.PostAsJsonAsync("/api/auth/register", new { email = "bo@example.org", password = Password }))
        {
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        await ana.ClickAsync("[data-testid=document-link] >> text=Welcome to CollabEdit");
        await ana.Locator("[data-ready=true]").WaitForAsync();
        await ana.ClickAsync("[data-testid=share-open]");
        await Typing.TypeAsync(ana, "#ce-share-email", "bo@example.org");
        await ana.ClickAsync("[data-testid=share-role]");
        await ana.ClickAsync(".mud-popover-open .mud-list-item >> text=Viewer");
        // The choice is the server's once the select shows it and its list has closed: only then share (a share
        // clicked at once went out as the default, Editor, on a busy CI machine).
        await Assertions.Expect(ana.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Assertions.Expect(ana.Locator("[data-testid=share-role]")).ToContainTextAsync("Viewer");
        await ana.ClickAsync("[data-testid=share]");
        await Assertions.Expect(ana.Locator("[data-testid=access-entry]")).ToHaveCountAsync(2);
        await Assertions.Expect(ana.Locator("[data-testid=access-entry] >> nth=1 >> [data-testid=entry-role]")).ToContainTextAsync("Viewer");
        await AppFixture.ScreenshotAsync(ana, "share-dialog", fullPage: false);
        await ana.ClickAsync("[data-testid=share-close]");

        // Bo signs in on the sign-in page and lands on the document: he reads, he cannot save.
        var bo = await app.NewPageAsync();
        await bo.GotoAsync(new Uri(app.Address, "/docs/welcome").ToString());
        await Assertions.Expect(bo).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await bo.Locator("[data-ready=true]").WaitForAsync();
        await Typing.TypeAsync(bo, "#ce-email", "bo@example.org");
        await Typing.TypeAsync(bo, "#ce-password", Password);
        await bo.ClickAsync("[data-testid=signin]");
        await Assertions.Expect(bo).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/docs/welcome$"), new() { Timeout = 30_000 });
        await bo.Locator("[data-ready=true]").WaitForAsync();
        await Assertions.Expect(bo.Locator("[data-testid=save]")).ToBeDisabledAsync();
        await Assertions.Expect(bo.GetByText("You are a viewer of this document")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(bo, "editor-viewer", fullPage: false);

        // Ana makes him an editor; after a reload he saves, under his account's name.
        await ana.ClickAsync("[data-testid=share-open]");
        await ana.ClickAsync("[data-testid=access-entry] >> nth=1 >> [data-testid=entry-role]");
        await ana.ClickAsync(".mud-popover-open .mud-list-item >> text=Editor");
        await Assertions.Expect(ana.Locator("[data-testid=share-error]")).ToHaveCountAsync(0);
        await ana.ClickAsync("[data-testid=share-close]");
        await bo.ReloadAsync();
        await bo.Locator("[data-ready=true]").WaitForAsync();
        await EditorDriver.TypeAtAsync(bo, 0, "Bo was here. ");
        await bo.ClickAsync("[data-testid=save]");
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ce-status-saved"));
        await Assertions.Expect(bo.Locator("[data-testid=status]")).ToContainTextAsync("v2");
        await app.SignInApiAsync("ana@example.org");
        var saved = await app.Api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/documents/welcome");
        Assert.Equal("bo", saved.GetProperty("updatedBy").GetString());

        // The history says who gave Bo access, and Bo can sign out.
        await ana.ReloadAsync();
        await ana.Locator("[data-ready=true]").WaitForAsync();
        await ana.ClickAsync("[data-testid=history-toggle]");
        await Assertions.Expect(ana.Locator("[data-testid=event]")).ToHaveCountAsync(2);
        await Assertions.Expect(ana.Locator("[data-testid=event]").First).ToContainTextAsync("Ana made bo@example.org an editor");
        await AppFixture.ScreenshotAsync(ana, "history-with-access-events", fullPage: true);
        await bo.ClickAsync("[data-testid=user-name]");
        await AppFixture.ScreenshotAsync(bo, "account-menu-open", fullPage: false);
        await bo.ClickAsync("[data-testid=sign-out]");
        await Assertions.Expect(bo).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
    }

    /// <summary>A server of its own in the secure default, fresh (no account yet), with a browser.</summary>
    public class SecureApp : IAsyncLifetime, IAsyncDisposable
    {
        private readonly AppServer _server;

        public SecureApp()
            : this(limitsAtDefaults: false)
        {
        }

        /// <param name="limitsAtDefaults">Every rate limit at the app's default, as people meet it (see <see cref="AppServer"/>).</param>
        protected SecureApp(bool limitsAtDefaults) =>
            _server = new(new Dictionary<string, string> { ["CollabEdit__Access__Mode"] = "Secure" }, limitsAtDefaults);
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        public Uri Address => _server.Address;

        public HttpClient Api { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            await _server.StartAsync();
            Api = new HttpClient { BaseAddress = Address };
            _playwright = await Playwright.CreateAsync();
            _browser = await AppFixture.LaunchAsync(_playwright);
        }

        public async Task<IPage> NewPageAsync(string theme = "light", int width = 1280, int height = 800)
        {
            var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
            await context.AddInitScriptAsync($"localStorage.setItem('collabedit-theme', '{theme}')");
            var page = await context.NewPageAsync();
            AppFixture.AcceptDialogs(page);
            return page;
        }

        /// <summary>The API client reads as this account from now on (a bearer token from /api/auth/login).</summary>
        public async Task SignInApiAsync(string email)
        {
            using var login = await Api.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
            var token = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
            Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        public async Task DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            Api?.Dispose();
            await _server.DisposeAsync();
        }

        async ValueTask IAsyncDisposable.DisposeAsync()
        {
            await DisposeAsync();
            GC.SuppressFinalize(this);
        }
    }
}
