namespace CollabEdit.Web.Features.Realtime;

/// <summary>The real-time feature's log messages that are not tied to one class.</summary>
internal static partial class RealtimeLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Debug, Message = "A listener of {Key} failed or timed out ({Reason}); the others are not affected")]
    public static partial void ListenerFailed(ILogger logger, Exception exception, string key, string reason);
}
