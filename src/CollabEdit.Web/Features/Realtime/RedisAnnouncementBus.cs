using System.Text.Json;
using CollabEdit.Web.Features.Access;
using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Several servers: each bump is published once on a Redis channel that every server subscribes to, and each
/// server delivers it to its own viewers. Redis pub/sub rather than PostgreSQL's LISTEN/NOTIFY: Redis is already
/// there for SignalR's backplane (one channel system for everything), works whichever database stores the
/// documents, and needs no connection held out of the database pool per server. Access changes take a channel of their
/// own the same way, so that a person removed on one server loses their feed on every server.
/// </summary>
public sealed partial class RedisAnnouncementBus(
    IConnectionMultiplexer redis, LocalAnnouncements local, ILogger<RedisAnnouncementBus> logger)
    : IAnnouncementBus, IHostedService
{
    private readonly RedisChannel _channel = RedisChannel.Literal("version-bumps");
    private readonly RedisChannel _accessChannel = RedisChannel.Literal("access-changes");
    private readonly RedisChannel _lockChannel = RedisChannel.Literal("lock-changes");

    public void Publish(VersionBump bump)
    {
        try
        {
            // Fire and forget: the multiplexer queues it, and reconnects by itself after an outage.
            redis.GetSubscriber().Publish(_channel, JsonSerializer.Serialize(bump, RealtimeJson.Options), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            LogPublishFailed(logger, exception, bump.DocumentId, bump.Version);
        }
    }

    public void Publish(AccessChange change)
    {
        try
        {
            redis.GetSubscriber().Publish(_accessChannel, JsonSerializer.Serialize(change, RealtimeJson.Options), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            // This server's own connections still hear it; the others' lose the document at their next join or save, and the hub checks access again as it follows.
            LogAccessPublishFailed(logger, exception, change.DocumentId);
            local.Deliver(change);
        }
    }

    public void Publish(Documents.LockChange change)
    {
        try
        {
            redis.GetSubscriber().Publish(_lockChannel, JsonSerializer.Serialize(change, RealtimeJson.Options), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            // This server's editors still hear it; the others' learn it at their next save (refused, in words).
            LogLockPublishFailed(logger, exception, change.DocumentId);
            local.Deliver(change);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Listen<VersionBump>(_channel, local.Deliver);
        Listen<AccessChange>(_accessChannel, local.Deliver);
        Listen<Documents.LockChange>(_lockChannel, local.Deliver);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        RedisSubscriptions.Unsubscribe(redis, _channel);
        RedisSubscriptions.Unsubscribe(redis, _accessChannel);
        RedisSubscriptions.Unsubscribe(redis, _lockChannel);
        return Task.CompletedTask;
    }

    private void Listen<T>(RedisChannel channel, Action<T> deliver)
        where T : class
    {
        RedisSubscriptions.Subscribe(redis, channel).OnMessage(message =>
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(message.Message.ToString(), RealtimeJson.Options) is { } value)
                {
                    deliver(value);
                }
            }
            catch (JsonException exception)
            {
                LogUnreadable(logger, exception);
            }
        });
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Warning, Message = "Could not publish v{Version} of document {DocumentId} to the other servers")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, Guid documentId, int version);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Warning, Message = "Could not publish an access change of document {DocumentId} to the other servers")]
    private static partial void LogAccessPublishFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(EventId = 3113, Level = LogLevel.Warning, Message = "Could not publish a lock change of document {DocumentId} to the other servers")]
    private static partial void LogLockPublishFailed(ILogger logger, Exception exception, Guid documentId);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Warning, Message = "An unreadable announcement arrived from Redis")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
