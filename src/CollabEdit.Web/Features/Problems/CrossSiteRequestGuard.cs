using Microsoft.AspNetCore.Mvc;

namespace CollabEdit.Web.Features.Problems;

/// <summary>
/// Refuses state-changing requests and WebSocket handshakes that a browser sent on behalf of another site: a
/// page elsewhere must not be able to restore, save or open a live connection with the visitor's cookies. Browsers
/// say where a request comes from (<c>Sec-Fetch-Site</c>, <c>Origin</c>); scripts and tools send neither and are
/// not affected. Same-origin means the same scheme, host and port as the request itself.
/// </summary>
public sealed partial class CrossSiteRequestGuard(RequestDelegate next, IProblemDetailsService problems, ILogger<CrossSiteRequestGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var changesState = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        // The WebSocket feature is added later, by SignalR's own endpoints: look at the handshake itself.
        var webSocket = string.Equals(request.Headers.Upgrade, "websocket", StringComparison.OrdinalIgnoreCase)
            || context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpExtendedConnectFeature>()?.IsExtendedConnect == true;
        if ((changesState || webSocket) && CrossSite(request) is { } why)
        {
            LogRefused(logger, request.Method, request.Path, why);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Type = ProblemTypes.CrossSiteRequest,
                    Title = "Request from another site refused",
                    Detail = "A page on another site asked this server to change something or to open a live connection. Use CollabEdit's own pages, or call the API from a script (without Origin).",
                },
            });
            return;
        }

        await next(context);
    }

    private static string? CrossSite(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return "Sec-Fetch-Site: cross-site";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var from)
            && string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"Origin {origin} is not {request.Scheme}://{request.Host}";
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Cross-site {Method} {Path} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, string reason);
}
