using CollabEdit.Web.Components;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Api;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Hosting;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;

// The published app finds its files and its data under its own folder, wherever it is started from (AppContentRoot).
var builder = WebApplication.CreateBuilder(AppContentRoot.Options(args));
var settingsLeftBehind = AppContentRoot.KeepSettingsFromWorkingDirectory(builder.Configuration, builder.Environment.ContentRootPath, Environment.CurrentDirectory, builder.Environment.EnvironmentName);
var databaseLeftBehind = AppContentRoot.KeepDatabaseFromWorkingDirectory(builder.Configuration, builder.Environment.ContentRootPath, Environment.CurrentDirectory);

// Serve the static web assets of referenced packages (MudBlazor, Blazor's script) under any environment when run
// from the build output, not only from publish output (STACK.md).
builder.WebHost.UseStaticWebAssets();

// Kestrel's limits, from the documents' limits: every refusal a problem with a stable type.
builder.Services.AddCollabEditRequestLimits();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCollabEditStorage(builder.Configuration, builder.Environment);

// Accounts (Identity: cookies for browsers, bearer tokens for scripts), the access mode and the access gate.
builder.Services.AddCollabEditAccounts();

// The documents: reads through DocumentService, every change (API, editor, list, sharing) through the command pipeline.
builder.Services.AddCollabEditDocuments();

// Real time: announcements of saved versions, locks, access changes and presence, to the hub and to open editors;
// across servers through Redis when CollabEdit:Redis:Configuration is set. Per-account caps on hub connections and circuits.
var redis = builder.Services.AddCollabEditRealtime(builder.Configuration);

// The editor page's logic, one per page, and the uploads of its text.
builder.Services.AddCollabEditEditing();

builder.Services.AddCollabEditProblemDetails();
builder.Services.AddWriteRateLimiting(sharedInRedis: redis is not null);
// The HTTP API's JSON rules and its OpenAPI contract.
builder.Services.AddCollabEditApi();

// Hub failures are logged by HubErrorLogging, at the right level; SignalR's own log would call every refusal an error.
builder.Logging.AddFilter(HubErrorLogging.SignalRDispatcherCategory, LogLevel.None);

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents()
    .AddHubOptions(circuit =>
    {
        circuit.MaximumReceiveMessageSize = 64 * 1024;

        // A keep-alive every 5 s lets the browser give up on a silent connection after 15 s (App.razor's
        // withServerTimeout) and show the connection banner, instead of after SignalR's default 30 s.
        circuit.KeepAliveInterval = TimeSpan.FromSeconds(5);
    });
// JS interop timeout, disconnected-circuit retention… (CollabEdit:Circuit); tests shorten the interop timeout.
builder.Services.Configure<CircuitOptions>(builder.Configuration.GetSection("CollabEdit:Circuit"));
builder.Services.AddMudServices();
builder.Services.AddScoped<CollabEdit.Web.Components.Layout.BrowserPreferences>();

var proxies = ProxySetup.KnownProxies(builder.Configuration);
builder.Services.AddKnownProxies(proxies);

var app = builder.Build();
if (settingsLeftBehind is not null)
{
    app.Logger.LogWarning("{SettingsLeftBehind}", settingsLeftBehind);
}

if (databaseLeftBehind is not null)
{
    app.Logger.LogWarning("{DatabaseLeftBehind}", databaseLeftBehind);
}

await app.Services.InitializeStorageAsync();

// "repack": re-encode every revision still stored whole (from before deltas) now, print what it saved, and stop,
// without serving (README, Where the data lives). The server also does it in the background unless told not to.
if (args.Contains("repack", StringComparer.Ordinal))
{
    await app.Services.GetRequiredService<RevisionRepacker>().RunCommandAsync(Console.Out, CancellationToken.None);
    return;
}

if (app.Services.GetRequiredService<IOptions<CollabEdit.Web.Features.Access.AccessOptions>>().Value.Mode == CollabEdit.Web.Features.Access.AccessMode.Secure)
{
    await app.Services.GetRequiredService<OwnerlessDocuments>().GiveToFirstAccountAsync(CancellationToken.None);
}

// Behind the configured load balancer only: the client's address and scheme from its X-Forwarded-* headers,
// before anything (limits, logs) looks at them.
if (proxies.Count > 0)
{
    app.UseForwardedHeaders();
}

// Errors never show a stack trace, in any environment: API callers get problem details, people a plain page.
app.UseExceptionHandler();
app.UseMiddleware<RequestShapeGuard>();
// People get a page for an address that leads nowhere; programs (the API, the hubs, uploads) get problem details.
app.UseWhen(http => ProgramPaths.IsForPrograms(http.Request.Path), programs => programs.UseStatusCodePages());
app.UseWhen(http => !ProgramPaths.IsForPrograms(http.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseMiddleware<CrossSiteRequestGuard>();
app.UseMiddleware<LargeRequestGate>();
app.UseMiddleware<BadRequestProblems>();
// Routing after the status-code pages, so that a re-executed request (/not-found) is routed again.
app.UseRouting();
// Only requests that carry credentials are authenticated: for the others every scheme would find nothing, and the
// user stays nobody either way (Credentials). Challenges and per-policy schemes authenticate on demand as before.
app.UseAuthenticationWhereCredentialsArePresented();
app.UseAuthorization();
// After authentication: limits are per account, per address only for nobody signed in.
app.UseRateLimiter();
app.UseMiddleware<ConnectionCaps>();
app.UseAntiforgery();

// Every static file (ours under /assets, MudBlazor's, Blazor's) from the build's manifest: precompressed, content
// ETags, fingerprinted URLs cached as immutable (CollabEdit.Web.csproj).
app.MapStaticAssets();
app.MapOpenApi();
app.MapScalarApiReference("/scalar", options => options.WithTitle("CollabEdit API"));
app.MapHealthChecks("/health");
app.MapAccountsApi();
app.MapDocumentsApi();
app.MapEditorUploads();
app.MapHub<DocumentHub>(DocumentHub.Path).RequireAuthorization(AccountSetup.AdmittedPolicy);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The entry point, public so that integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
