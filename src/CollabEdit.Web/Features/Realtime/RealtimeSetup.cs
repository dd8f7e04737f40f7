using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Accounts;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Registers real time: the documents hub, the announcers the command pipeline's ports name, presence and the connection caps.</summary>
public static class RealtimeSetup
{
    /// <returns>The Redis connection when servers share one (CollabEdit:Redis:Configuration), else null: one server.</returns>
    public static IConnectionMultiplexer? AddCollabEditRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var redis = services.AddCollabEditRedis(configuration);

        // The kernel's and the access rules' announcement ports, implemented here: the pipeline announces, real time delivers.
        services.AddSingleton<VersionAnnouncer>();
        services.AddSingleton<IVersionAnnouncer>(provider => provider.GetRequiredService<VersionAnnouncer>());
        services.AddHostedService(provider => provider.GetRequiredService<VersionAnnouncer>());
        services.AddSingleton<IAccessAnnouncer>(provider => provider.GetRequiredService<IAnnouncementBus>());
        services.AddSingleton<ILockAnnouncer>(provider => provider.GetRequiredService<IAnnouncementBus>());

        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<HubFollowers>();
        services.AddHostedService<PresenceBroadcaster>();
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler>(provider => provider.GetRequiredService<CircuitPresence>());

        // Carets (issue 19): they leave with presence, and reach hub followers through their outboxes.
        services.AddOptions<CaretOptions>().BindConfiguration(CaretOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CaretTracker>();
        services.AddHostedService<CaretBroadcaster>();

        // Per-account caps on hub connections and circuits (ConnectionCaps runs after authentication).
        services.AddSingleton<CircuitCounter>();
        services.AddScoped<CircuitHandler, CircuitCap>();

        // The documents hub takes small messages only (joins, typing). Its limit is its own: the Blazor circuit has
        // its own limit. Document text never travels in a circuit message: the server sends it to the browser as a
        // stream, and the browser sends it back as an upload request (EditorUploadsApi).
        // The error log is for every hub; the rate limit is for our documents hub only, never for Blazor's own circuit,
        // whose every keystroke, click and render is a hub call (limiting it dropped typing in forms silently).
        // Filters run in order: the error log sees rate-limit refusals too.
        services.AddSignalR(hubs => hubs.AddFilter<HubErrorLogging>())
            .AddHubOptions<DocumentHub>(hub =>
            {
                hub.MaximumReceiveMessageSize = 32 * 1024;
                // An ended session is refused before it can spend its account's allowance.
                hub.AddFilter<HubSessionCheck>();
                hub.AddFilter<HubRateLimiting>();
            })
            .AddCollabEditBackplane(redis);
        return redis;
    }
}
