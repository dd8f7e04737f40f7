using System.Text.Json.Serialization;
using CollabEdit.Web.Components;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Idempotency;
using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Features.RateLimiting;
using CollabEdit.Web.Features.Realtime;
using CollabEdit.Web.Storage;
using Radzen;

var builder = WebApplication.CreateBuilder(args);

// Serve the static web assets of referenced packages (Radzen) under any environment when run from the build output.
builder.WebHost.UseStaticWebAssets();

var limits = builder.Configuration.GetSection(DocumentLimits.SectionName).Get<DocumentLimits>() ?? new DocumentLimits();
builder.Services.AddSingleton(limits);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCollabEditStorage(builder.Configuration, builder.Environment);
builder.Services.AddScoped<DocumentStore>();
builder.Services.AddSingleton<CollabEdit.Web.Features.Editing.StoreAccess>();
builder.Services.AddTransient<CollabEdit.Web.Features.Editing.DocumentEditor>();
builder.Services.AddTransient<CollabEdit.Web.Features.Editing.RevisionHistory>();
builder.Services.AddSingleton<DocumentWriter>();
builder.Services.AddHostedService(services => services.GetRequiredService<DocumentWriter>());
builder.Services.AddScoped<IdempotencyStore>();
builder.Services.AddSingleton(builder.Configuration.GetSection(IdempotencyOptions.SectionName).Get<IdempotencyOptions>() ?? new IdempotencyOptions());
builder.Services.AddHostedService<WelcomeDocumentSeeder>();

builder.Services.AddCollabEditProblemDetails();
builder.Services.AddSingleton<ConflictMetrics>();
builder.Services.AddWriteRateLimiting(builder.Configuration);
builder.Services.ConfigureHttpJsonOptions(json =>
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
builder.Services.AddOpenApi();
// Unreadable bodies throw in every environment, so that one place (BadRequestProblems) answers them the same way.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

builder.Services.AddSignalR(hub => hub.MaximumReceiveMessageSize = 32 * 1024);
builder.Services.AddSingleton<PresenceTracker>();
builder.Services.AddHostedService<PresenceBroadcaster>();
builder.Services.AddSingleton<DocumentAccess>();
builder.Services.AddSingleton<InProcessDocumentEvents>();
builder.Services.AddSingleton<IDocumentEvents>(services => services.GetRequiredService<InProcessDocumentEvents>());
builder.Services.AddHostedService(services => services.GetRequiredService<InProcessDocumentEvents>());

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();

var app = builder.Build();

await app.Services.InitializeStorageAsync();

// Errors never show a stack trace, in any environment: API callers get problem details, people a plain page.
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
    RequestPath = "/assets",
});
app.UseMiddleware<BadRequestProblems>();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapOpenApi();
app.MapHealthChecks("/health");
app.MapDocumentsApi();
app.MapHub<DocumentHub>(DocumentHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

/// <summary>The entry point, public so that integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
