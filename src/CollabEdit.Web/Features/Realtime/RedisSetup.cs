using CollabEdit.Web.Features.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Several servers meet in one Redis (<c>CollabEdit:Redis:Configuration</c>): version bumps, presence, SignalR's
/// backplane, rate-limit buckets and the data-protection keys, all on one connection per server. Without it, one
/// server keeps all of that in memory.
/// </summary>
public static class RedisSetup
{
    /// <summary>Registers what carries bumps and presence; with Redis configured, connects and returns the connection.</summary>
    public static IConnectionMultiplexer? AddCollabEditRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName)
            .Validate(options => !string.IsNullOrWhiteSpace(options.Prefix) && !options.Prefix.Contains(':', StringComparison.Ordinal), "CollabEdit:Redis:Prefix must be a non-empty name without ':'.")
            .ValidateOnStart();
        services.AddSingleton<LocalAnnouncements>();
        services.AddSingleton<IVersionFeed>(provider => provider.GetRequiredService<LocalAnnouncements>());
        services.AddSingleton<IAccessFeed>(provider => provider.GetRequiredService<LocalAnnouncements>());
        var options = configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!options.IsConfigured)
        {
            services.AddSingleton<IAnnouncementBus, LocalAnnouncementBus>();
            return null;
        }

        // Not failing when Redis is down at start-up: the multiplexer keeps trying, and nothing waits for it (saves,
        // subscriptions, rate limits; see RedisSubscriptions and RedisRateLimitBuckets). Every channel of this
        // deployment, SignalR's included, carries its prefix, so that deployments can share a Redis.
        var redisConfiguration = ConfigurationOptions.Parse(options.Configuration!);
        redisConfiguration.AbortOnConnectFail = false;
        redisConfiguration.ChannelPrefix = RedisChannel.Literal($"{options.Prefix}:");
        var multiplexer = ConnectionMultiplexer.Connect(redisConfiguration);
        services.AddSingleton<IConnectionMultiplexer>(multiplexer);

        // Cookies, bearer tokens and antiforgery tokens are protected with keys every server must share: one server's
        // sign-in must hold on the other (a user whose server dies goes on, signed in, on the other).
        services.AddDataProtection()
            .SetApplicationName("CollabEdit")
            .PersistKeysToStackExchangeRedis(multiplexer, options.Key("data-protection-keys"));
        services.AddSingleton<RedisAnnouncementBus>();
        services.AddSingleton<IAnnouncementBus>(provider => provider.GetRequiredService<RedisAnnouncementBus>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisAnnouncementBus>());
        services.AddHostedService<RedisPresenceExchange>();
        services.AddHostedService<CaretRedisExchange>();
        return multiplexer;
    }

    /// <summary>SignalR's backplane on the same connection: a message for a user, a connection or a group reaches it on whichever server it is.</summary>
    public static ISignalRServerBuilder AddCollabEditBackplane(this ISignalRServerBuilder signalR, IConnectionMultiplexer? multiplexer) =>
        multiplexer is null ? signalR : signalR.AddStackExchangeRedis(options => options.ConnectionFactory = _ => Task.FromResult(multiplexer));
}
