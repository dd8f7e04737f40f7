using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// The one place hub method failures are logged. A refusal the client caused (a <see cref="HubException"/>: an
/// unknown document, a name refused, too many documents) is expected and logged at Debug, so that a client
/// hammering the hub cannot fill the log; anything else is a fault of ours, logged as an error. SignalR's own
/// per-invocation error log (which logs refusals as errors, with a stack trace) is switched off in Program.cs.
/// </summary>
public sealed partial class HubErrorLogging(ILogger<HubErrorLogging> logger) : IHubFilter
{
    public const string SignalRDispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refused)
        {
            LogRefused(logger, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, refused.Message);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
    }

    [LoggerMessage(EventId = 3300, Level = LogLevel.Debug, Message = "Hub call {Method} from {ConnectionId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string connectionId, string reason);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "Hub call {Method} from {ConnectionId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string connectionId);
}
