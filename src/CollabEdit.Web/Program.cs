using System.Text.Json.Serialization;
using CollabEdit.Web.Components;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Api;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Editing;
using CollabEdit.Web.Features.Hosting;
using CollabEdit.Web.Features.Idempotency;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Storage;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;

// The published app finds its files and its data under its own folder, wherever it is started from (AppContentRoot).
var builder = WebApplication.CreateBuilder(AppContentRoot.Options(args));
var databaseLeftBehind = AppContentRoot.KeepDatabaseFromWorkingDirectory(builder.Configuration, builder.Environment.ContentRootPath, Environment.CurrentDirectory);

// Serve the static web assets of referenced packages (MudBlazor, Blazor's script) under any environment when run
// from the build output, not only from publish output (STACK.md).
builder.WebHost.UseStaticWebAssets();

builder.Services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.SectionName).ValidateOnStart();
builder.Services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<DocumentLimits>>((kestrel, limits) =>
{
    kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
    kestrel.Limits.MinResponseDataRate = new MinDataRate(limits.Value.MinResponseBytesPerSecond, limits.Value.MinResponseGracePeriod);
    // Kestrel answers its own refusals with an empty body; these let such requests reach RequestShapeGuard,
    // which applies the real limits with problem details. Latin-1 keeps every header byte as one char to check.
    kestrel.Limits.MaxRequestLineSize = RequestShapeGuard.KestrelRequestLineSize;
    kestrel.Limits.MaxRequestHeadersTotalSize = RequestShapeGuard.KestrelHeadersTotalSize;
    kestrel.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
});

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCollabEditStorage(builder.Configuration, builder.Environment);

// Accounts (Identity: cookies for browsers, bearer tokens for scripts), the access mode and the access gate.
builder.Services.AddCollabEditAccounts();

// The documents: reads through DocumentService, every change (API, editor, list, sharing) through the command pipeline.
builder.Services.AddCollabEditDocuments();

// Real time: announcements of saved versions and presence, to the hub and to open editors; across servers through
// Redis when CollabEdit:Redis:Configuration is set.
var redis = builder.Services.AddCollabEditRedis(builder.Configuration);
builder.Services.AddSingleton<VersionAnnouncer>();
builder.Services.AddSingleton<IVersionAnnouncer>(services => services.GetRequiredService<VersionAnnouncer>());
builder.Services.AddHostedService(services => services.GetRequiredService<VersionAnnouncer>());
builder.Services.AddSingleton<CollabEdit.Web.Features.Access.IAccessAnnouncer>(services => services.GetRequiredService<IAnnouncementBus>());
builder.Services.AddSingleton<ILockAnnouncer>(services => services.GetRequiredService<IAnnouncementBus>());
builder.Services.AddSingleton<PresenceTracker>();
builder.Services.AddSingleton<HubFollowers>();
builder.Services.AddHostedService<PresenceBroadcaster>();
builder.Services.AddScoped<CircuitPresence>();
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(services => services.GetRequiredService<CircuitPresence>());
// Per-account caps on hub connections and circuits (ConnectionCaps, after authentication below).
builder.Services.AddSingleton<CircuitCounter>();
builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitCap>();

// The editor page's logic, one per page, and the uploads of its text.
builder.Services.AddCollabEditEditing();

builder.Services.AddCollabEditProblemDetails();
builder.Services.AddWriteRateLimiting(sharedInRedis: redis is not null);
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    // A number is a number: "baseVersion": "1" is a mistake to report, not to guess at.
    json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer<BearerSecurityScheme>());
// Unreadable bodies throw in every environment, so that one place (BadRequestProblems) answers them the same way.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

// The documents hub takes small messages only (joins, typing). Its limit is its own: the Blazor circuit has
// its own limit, set below on purpose. Document text never travels in a circuit message: the server sends it to
// the browser as a stream, and the browser sends it back as an upload request (EditorUploadsApi).
// The error log is for every hub; the rate limit is for our documents hub only, never for Blazor's own circuit,
// whose every keystroke, click and render is a hub call (limiting it dropped typing in forms silently).
// Filters run in order: the error log sees rate-limit refusals too.
builder.Services.AddSignalR(hubs => hubs.AddFilter<HubErrorLogging>())
    .AddHubOptions<DocumentHub>(hub =>
    {
        hub.MaximumReceiveMessageSize = 32 * 1024;
        // An ended session is refused before it can spend its account's allowance.
        hub.AddFilter<HubSessionCheck>();
        hub.AddFilter<HubRateLimiting>();
    })
    .AddCollabEditBackplane(redis);
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
if (databaseLeftBehind is not null)
{
    app.Logger.LogWarning("{DatabaseLeftBehind}", databaseLeftBehind);
}

await app.Services.InitializeStorageAsync();
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
