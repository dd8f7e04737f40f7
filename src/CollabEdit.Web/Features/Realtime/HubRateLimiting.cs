using System.Collections.Concurrent;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Every call to the documents hub takes a token from the client's hub bucket (<see cref="ClientRateLimiter"/>: per
/// account across all its connections, per address for nobody signed in). A client over its limit is refused at
/// once, before the call does any work, with plain words the client can show. Registered for the documents hub
/// only: Blazor's circuit is a hub too, and limiting it would silently drop people's typing.
/// </summary>
/// <remarks>
/// A refusal is logged at Warning so that an operator sees it, at most once per client per
/// <see cref="WarningInterval"/>, so that a client hammering the hub cannot fill the log.
/// </remarks>
public sealed partial class HubRateLimiting(ClientRateLimiter limits, TimeProvider time, ILogger<HubRateLimiting> logger) : IHubFilter
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, long> lastWarned = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var key = ClientRateLimiter.ClientKey(context.User, context.GetHttpContext()?.Connection.RemoteIpAddress);
        using var lease = await limits.AcquireAsync(RateLimitKind.Hub, key);
        if (!lease.IsAcquired)
        {
            var seconds = WriteRateLimiting.Seconds(limits.RetryAfter(RateLimitKind.Hub, lease));
            WarnOnce(key, invocationContext.HubMethodName, seconds);
            throw new HubException($"Too many calls: slow down (retry after {seconds} s).");
        }

        return await next(invocationContext);
    }

    private void WarnOnce(string key, string method, int seconds)
    {
        var now = time.GetTimestamp();
        var last = lastWarned.GetOrAdd(key, 0);
        if (last != 0 && time.GetElapsedTime(last, now) < WarningInterval)
        {
            return;
        }

        lastWarned[key] = now;
        if (lastWarned.Count > 10_000)
        {
            // Bounded: forget everyone rather than grow without limit under a flood of distinct clients.
            lastWarned.Clear();
        }

        LogRefused(logger, key, method, seconds);
    }

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Hub calls from {Client} refused by the rate limit ({Method}; retry after {Seconds} s)")]
    private static partial void LogRefused(ILogger logger, string client, string method, int seconds);
}
