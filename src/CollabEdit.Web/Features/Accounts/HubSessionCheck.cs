using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// A hub connection lives on after the request that opened it was authenticated, so its session is checked again
/// when it connects and on every call; and when this server ends a session, that session's connections are closed
/// at once. (Another server's connections of the session are refused at their next call, at most
/// <see cref="SessionOptions.CheckInterval"/> later.) Registered for the documents hub only, like its rate limit.
/// </summary>
public sealed class HubSessionCheck : IHubFilter
{
    public const string EndedMessage = "Your session has ended: sign in again.";

    private readonly SessionStore _sessions;
    private readonly Dictionary<string, HashSet<HubCallerContext>> _connections = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public HubSessionCheck(SessionStore sessions)
    {
        _sessions = sessions;
        sessions.Ended += Close;
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var caller = context.Context;
        if (!await _sessions.IsLiveAsync(caller.User, caller.ConnectionAborted))
        {
            throw new HubException(EndedMessage);
        }

        if (SessionClaims.SessionIdOf(caller.User) is { } sessionId)
        {
            lock (_lock)
            {
                if (!_connections.TryGetValue(sessionId, out var connections))
                {
                    _connections[sessionId] = connections = [];
                }

                connections.Add(caller);
            }
        }

        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (SessionClaims.SessionIdOf(context.Context.User) is { } sessionId)
        {
            lock (_lock)
            {
                if (_connections.TryGetValue(sessionId, out var connections) && connections.Remove(context.Context) && connections.Count == 0)
                {
                    _connections.Remove(sessionId);
                }
            }
        }

        return next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocationContext.Context;
        if (!await _sessions.IsLiveAsync(caller.User, caller.ConnectionAborted))
        {
            caller.Abort();
            throw new HubException(EndedMessage);
        }

        return await next(invocationContext);
    }

    private void Close(string sessionId)
    {
        HashSet<HubCallerContext>? connections;
        lock (_lock)
        {
            _connections.Remove(sessionId, out connections);
        }

        foreach (var connection in connections ?? [])
        {
            connection.Abort();
        }
    }
}
