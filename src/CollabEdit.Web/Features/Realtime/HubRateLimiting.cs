using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Every hub call takes a token from the client's hub bucket (<see cref="ClientRateLimiter"/>: per account across
/// all its connections, per address for nobody signed in). A client over its limit is refused at once, before the
/// call does any work; <see cref="HubErrorLogging"/> logs it as an expected refusal.
/// </summary>
public sealed class HubRateLimiting(ClientRateLimiter limits) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var key = ClientRateLimiter.ClientKey(context.User, context.GetHttpContext()?.Connection.RemoteIpAddress);
        using var lease = await limits.AcquireAsync(RateLimitKind.Hub, key);
        if (!lease.IsAcquired)
        {
            var seconds = WriteRateLimiting.Seconds(limits.RetryAfter(RateLimitKind.Hub, lease));
            throw new HubException($"Too many calls: slow down (retry after {seconds} s).");
        }

        return await next(invocationContext);
    }
}
