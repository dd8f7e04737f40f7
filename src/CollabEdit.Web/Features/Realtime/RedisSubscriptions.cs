using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>How this app subscribes to a Redis channel.</summary>
internal static class RedisSubscriptions
{
    /// <summary>
    /// Subscribes without waiting for Redis: the multiplexer records the subscription before it sends anything and
    /// subscribes again on every (re)connection, so a server started while Redis is down hears the others as soon as
    /// Redis is back, and its start is not held up. One queue, read in order: a server's messages arrive in the
    /// order it sent them.
    /// </summary>
    public static ChannelMessageQueue Subscribe(IConnectionMultiplexer redis, RedisChannel channel) =>
        redis.GetSubscriber().Subscribe(channel, CommandFlags.FireAndForget);

    /// <summary>Stops listening at once, and tells Redis when it can: a server stopping while Redis is down does not wait for it.</summary>
    public static void Unsubscribe(IConnectionMultiplexer redis, RedisChannel channel) =>
        redis.GetSubscriber().Unsubscribe(channel, null, CommandFlags.FireAndForget);
}
