namespace CollabEdit.Web.Features.Realtime;

/// <summary>What the Redis exchanges of presence and carets (<see cref="RedisExchange{TItem}"/>) log.</summary>
internal static partial class RedisExchangeLog
{
    [LoggerMessage(EventId = 3130, Level = LogLevel.Warning, Message = "Could not publish {What} to the other servers")]
    public static partial void PublishFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(EventId = 3131, Level = LogLevel.Warning, Message = "An unreadable {What} message arrived from Redis")]
    public static partial void Unreadable(ILogger logger, Exception exception, string what);

    [LoggerMessage(EventId = 3132, Level = LogLevel.Warning, Message = "A {What} heartbeat failed; the next one runs as planned")]
    public static partial void BeatFailed(ILogger logger, Exception exception, string what);
}
