using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Accounts;

/// <summary>
/// A hub connection lives on after the request that opened it was authenticated, so its session is checked again
/// when it connects and on every call; and when this server ends a session, that session's connections are closed
/// at once. Another server's connections of the session are refused at their next call, at most
/// <see cref="SessionOptions.CheckInterval"/> later, and a connection that only listens is closed by a sweep of the
/// sessions this server holds connections of, every <see cref="SessionOptions.CircuitCheckInterval"/> (as open pages
/// are). Registered for the documents hub only, like its rate limit.
/// </summary>
public sealed partial class HubSessionCheck : IHubFilter, IDisposable
{
    public const string EndedMessage = "Your session has ended: sign in again.";

    private readonly SessionStore _sessions;
    private readonly Dictionary<string, HashSet<HubCallerContext>> _connections = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly ITimer _sweep;
    private readonly ILogger<HubSessionCheck> _logger;
    private int _sweeping;

    public HubSessionCheck(SessionStore sessions, TimeProvider clock, IOptions<SessionOptions> options, ILogger<HubSessionCheck> logger)
    {
        _sessions = sessions;
        _logger = logger;
        sessions.Ended += Close;
        var every = options.Value.CircuitCheckInterval;
        _sweep = clock.CreateTimer(_ => _ = SweepAsync(), null, every, every);
    }

    /// <summary>Closes this server's connections of sessions that ended elsewhere (one look per session, however many connections it has).</summary>
    private async Task SweepAsync()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return; // the last sweep is still going: skip this one rather than pile them up
        }

        try
        {
            List<(string SessionId, System.Security.Claims.ClaimsPrincipal? User)> held;
            lock (_lock)
            {
                held = [.. _connections.Where(s => s.Value.Count > 0).Select(s => (s.Key, s.Value.First().User))];
            }

            foreach (var (sessionId, user) in held)
            {
                if (!await _sessions.IsLiveAsync(user))
                {
                    Close(sessionId);
                }
            }
        }
        catch (Exception e)
        {
            // A timer's callback must never throw (it would end the process): the next sweep tries again.
            LogSweepFailed(_logger, e);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
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

            // Ended between the look above and being listed: nothing closed it, so look again (this server's own
            // endings answer from memory at once).
            if (!await _sessions.IsLiveAsync(caller.User, caller.ConnectionAborted))
            {
                Close(sessionId);
                throw new HubException(EndedMessage);
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

    public void Dispose()
    {
        _sweep.Dispose();
        _sessions.Ended -= Close;
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "The sweep of ended sessions' hub connections failed; the next one tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
