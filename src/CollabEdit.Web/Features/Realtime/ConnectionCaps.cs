using CollabEdit.Web.Features.Problems;
using CollabEdit.Web.Features.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Refuses a new documents-hub connection or Blazor circuit with a 429 problem when its client (an account, or for
/// nobody signed in an address) already holds as many as it may (<see cref="RealtimeOptions.HubConnectionsCap"/>,
/// <see cref="RealtimeOptions.CircuitsCap"/>), before any connection state is made. Circuits count while connected
/// (<see cref="CircuitCap"/>), so a tab coming back after its connection dropped is never refused; a circuit's disconnect and an open connection's traffic are never touched. The hub checks again
/// as a connection opens (<see cref="HubFollowers.Connected(string, string, Action)"/>), which holds under a race.
/// </summary>
public sealed partial class ConnectionCaps(
    RequestDelegate next, HubFollowers hubConnections, CircuitCounter circuits, IOptions<RealtimeOptions> options,
    IProblemDetailsService problems, ILogger<ConnectionCaps> logger)
{
    /// <summary>Where Blazor's circuits negotiate their connection.</summary>
    public const string CircuitNegotiatePath = "/_blazor/negotiate";

    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        var client = ClientRateLimiter.ClientKey(http.User, http.Connection.RemoteIpAddress);
        var (held, cap, what) =
            OpensHubConnection(http.Request) ? (hubConnections.ConnectionsOf(client), options.Value.HubConnectionsCap(client), "documents-hub connections")
            : path.Equals(CircuitNegotiatePath, StringComparison.OrdinalIgnoreCase)
                ? (circuits.Of(client), options.Value.CircuitsCap(client), "open tabs")
                : (0, int.MaxValue, "");
        if (held < cap)
        {
            await next(http);
            return;
        }

        LogRefused(logger, what, cap);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var holder = ClientRateLimiter.IsAddressKey(client) ? "This address" : "This account";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.TooManyConnections,
                Title = "Too many connections",
                Detail = $"{holder} already has {cap} {what} on this server, as many as it may. Close one (a tab, a script's connection), then try again.",
            },
        });
    }

    /// <summary>
    /// A negotiation, or a connection that skips it (no <c>id</c>). Requests with an <c>id</c> belong to a connection
    /// already admitted (its WebSocket, or each poll of long polling): refusing them would break connections it holds.
    /// </summary>
    private static bool OpensHubConnection(HttpRequest request) =>
        request.Path.Equals($"{DocumentHub.Path}/negotiate", StringComparison.OrdinalIgnoreCase)
        || (request.Path.Equals(DocumentHub.Path, StringComparison.OrdinalIgnoreCase) && request.Query["id"].Count == 0);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "A client at its cap of {Cap} {What} was refused another")]
    private static partial void LogRefused(ILogger logger, string what, int cap);
}
