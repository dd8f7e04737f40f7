using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// A server of its own as it ships: the secure default (accounts) and every rate limit at its default (the other
/// browser tests raise them out of the way). Two accounts, Ana and Bo; the API client is Ana's. A test signs
/// people in through the sign-in page, typing as people type, so keep the count of sign-ins per test small: the
/// default allows 10 per address, then one a minute.
/// </summary>
public sealed class SecureDefaultsApp : IAsyncLifetime, IAsyncDisposable
{
    public const string Password = "a passphrase long enough";
    public const string AnaEmail = "ana@example.org";
    public const string BoEmail = "bo@example.org";

    /// <summary>How long between two keys, as a person types (<see cref="Typing.KeyDelayMs"/>).</summary>
    public const int KeyDelay = Typing.KeyDelayMs;

    private readonly AppServer _server = new(new Dictionary<string, string> { ["CollabEdit__Access__Mode"] = "Secure" }, limitsAtDefaults: true);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri Address => _server.Address;

    /// <summary>The API as Ana (a bearer token).</summary>
    public HttpClient Api { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        Api = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        foreach (var email in new[] { AnaEmail, BoEmail })
        {
            using var register = await Api.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
            Assert.True(register.IsSuccessStatusCode, await register.Content.ReadAsStringAsync());
        }

        using var login = await Api.PostAsJsonAsync("/api/auth/login", new { email = AnaEmail, password = Password });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        _playwright = await Playwright.CreateAsync();
        _browser = await AppFixture.LaunchAsync(_playwright);
    }

    /// <summary>One browser (a context: its own cookies, localStorage and IndexedDB), shared by whoever sits at it; it confirms "leave this page?".</summary>
    public async Task<IPage> NewBrowserAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        await context.AddInitScriptAsync("localStorage.setItem('collabedit-theme', 'light')");
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        return page;
    }

    /// <summary>Ana makes a document and makes Bo an editor of it. Returns its slug.</summary>
    public async Task<string> CreateSharedDocumentAsync(string title, string content)
    {
        using var created = await Api.PostAsJsonAsync("/api/documents", new { title, content });
        created.EnsureSuccessStatusCode();
        var slug = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString()!;
        using var shared = await Api.PutAsJsonAsync($"/api/documents/{slug}/access/{Uri.EscapeDataString(BoEmail)}", new { role = "editor" });
        shared.EnsureSuccessStatusCode();
        return slug;
    }

    /// <summary>Ana saves through the API on top of <paramref name="baseVersion"/>.</summary>
    public async Task SaveAsAnaAsync(string slug, string content, int baseVersion)
    {
        using var saved = await Api.PutAsJsonAsync($"/api/documents/{slug}", new { content, baseVersion });
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    public async Task<string> ContentAsync(string slug) =>
        (await Api.GetFromJsonAsync<JsonElement>($"/api/documents/{slug}")).GetProperty("content").GetString()!;

    /// <summary>Opens <paramref name="path"/> signed out: the sign-in page comes, the person types their email and password, and lands back on it, interactive.</summary>
    public async Task SignInAsync(IPage page, string email, string path)
    {
        await page.GotoAsync(new Uri(Address, path).ToString());
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/signin"));
        await page.Locator("[data-ready=true]").WaitForAsync();
        await page.Locator("#ce-email").PressSequentiallyAsync(email, new() { Delay = KeyDelay });
        await page.Locator("#ce-password").PressSequentiallyAsync(Password, new() { Delay = KeyDelay });
        await page.ClickAsync("[data-testid=signin]");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + "$"), new() { Timeout = 30_000 });
        await page.Locator("[data-ready=true]").WaitForAsync(new() { Timeout = 15_000 });
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

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
