using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CollabEdit.E2E;

/// <summary>
/// The published app as a service manager or a container starts it: <c>dotnet /its/folder/CollabEdit.Web.dll</c>
/// from some other working directory, with the default database. It serves a working editor (its styles and
/// scripts found under its own folder), keeps its data there, and sends every asset compressed and cacheable.
/// </summary>
public sealed class PublishedAppTests(PublishedServer published) : IClassFixture<PublishedServer>
{
    [Fact]
    public async Task StartedFromAnotherFolderItServesAWorkingStyledEditorAndKeepsItsDataInItsOwnFolder()
    {
        var server = published.Server;
        using var api = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        using var created = await api.PostAsJsonAsync("/api/documents", new { title = "Published", content = "Started elsewhere." });
        created.EnsureSuccessStatusCode();
        var slug = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AppFixture.LaunchAsync(playwright);
        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "collabedit-name", Value = "Ana", Url = server.Address.ToString() }]);
        var page = await context.NewPageAsync();
        AppFixture.AcceptDialogs(page);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        var assets = new List<IResponse>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith(".js", StringComparison.Ordinal) || response.Url.EndsWith(".css", StringComparison.Ordinal))
            {
                assets.Add(response);
            }
        };

        await page.GotoAsync(new Uri(server.Address, $"/docs/{slug}").ToString());
        await page.Locator("[data-ready=true]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });

        // MudBlazor's stylesheet is applied (its app bar is fixed at the top), and ours (the editor's frame).
        Assert.Equal("fixed", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.mud-appbar')).position"));
        Assert.Equal("solid", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('[data-testid=editor]')).borderTopStyle"));

        await page.EvaluateAsync("() => { const view = document.querySelector('[data-testid=editor]').editor.view; view.focus(); view.dispatch({ selection: { anchor: view.state.doc.length } }); }");
        await Typing.TypeAsync(page, "[data-testid=editor-content]", " Typed here.");
        await page.ClickAsync("[data-testid=save]");

        // Saved (by autosave, or by the click if it came first): the server has it, and the status line says so.
        var saved = await Convergence.ExpectAsync([page], async () => (await api.GetFromJsonAsync<JsonElement>($"/api/documents/{slug}")).GetProperty("content").GetString()!);
        Assert.Equal("Started elsewhere. Typed here.", saved);

        Assert.DoesNotContain(errors, error => error.Contains("is not defined", StringComparison.Ordinal) || error.Contains("404", StringComparison.Ordinal));
        Assert.Empty(errors);
        Assert.Contains(assets, response => response.Url.Contains("/vendor/codemirror.", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.True(asset.Status == 200, $"{asset.Url}: {asset.Status}");
            Assert.True((await asset.AllHeadersAsync()).GetValueOrDefault("content-encoding") is "br", $"{asset.Url} went out without Brotli.");
        }

        // The data is under the app's folder, not where it was started.
        Assert.True(File.Exists(Path.Combine(published.Folder, "data", "collabedit.db")), "No database under the app's folder.");
        Assert.False(Directory.Exists(Path.Combine(server.WorkingDirectory, "data")), "A database was made in the working directory.");
    }

    /// <summary>Every file a page asks for, as a browser asks (Brotli or gzip): compressed, and cacheable for good or revalidated by its ETag.</summary>
    [Fact]
    public async Task EveryAssetThePagesAskForGoesOutCompressedAndCacheable()
    {
        var server = published.Server;
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = server.Address };
        var home = await http.GetStringAsync("/");
        var referenced = System.Text.RegularExpressions.Regex.Matches(home, "(?:href|src)=\"([^\"]+\\.(?:css|js))\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(referenced, url => url.Contains("MudBlazor.min.css", StringComparison.Ordinal));
        // Loaded on the editor page only, through the import map (a module's plain address).
        string[] modules = ["assets/editor.js", "assets/vendor/codemirror.js", "assets/drafts.js", "assets/collabedit.js"];
        Assert.All(modules, module => Assert.Contains($"\"./{module}\"", home, StringComparison.Ordinal));
        var mapped = modules.Select(module => System.Text.RegularExpressions.Regex.Match(home, $"\"\\./{System.Text.RegularExpressions.Regex.Escape(module)}\": \"\\./([^\"]+)\"").Groups[1].Value).ToList();
        Assert.DoesNotContain("", mapped);

        foreach (var url in referenced.Concat(modules).Concat(mapped).Distinct())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + url.TrimStart('/'));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.True(response.Content.Headers.ContentEncoding.SequenceEqual(["br"]), $"{url} went out as '{string.Join(",", response.Content.Headers.ContentEncoding)}', not Brotli.");
            var cache = response.Headers.CacheControl;
            var immutable = cache is { MaxAge: { } age } && age >= TimeSpan.FromDays(365) && cache.Extensions.Any(e => e.Name == "immutable");
            var revalidated = cache is { NoCache: true } && response.Headers.ETag is not null;
            Assert.True(immutable || revalidated, $"{url}: Cache-Control '{cache}', ETag '{response.Headers.ETag}'.");

            using var gzip = new HttpRequestMessage(HttpMethod.Get, "/" + url.TrimStart('/'));
            gzip.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            using var gzipped = await http.SendAsync(gzip);
            Assert.True(gzipped.Content.Headers.ContentEncoding.SequenceEqual(["gzip"]), $"{url} went out as '{string.Join(",", gzipped.Content.Headers.ContentEncoding)}', not gzip.");
        }
    }
}
