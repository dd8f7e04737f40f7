using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CollabEdit.Web.Features.Problems;

/// <summary>Counts every 409, 412 and 428 as <c>collabedit.conflicts</c>, tagged by kind.</summary>
public sealed class ConflictMetrics
{
    public const string MeterName = "CollabEdit";
    public const string ConflictsInstrument = "collabedit.conflicts";

    private readonly Counter<long> _conflicts;

    public ConflictMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _conflicts = meter.CreateCounter<long>(ConflictsInstrument, unit: "{conflict}", description: "Writes refused because of a version conflict or a missing precondition.");
    }

    public void Record(string kind) => _conflicts.Add(1, new KeyValuePair<string, object?>("kind", kind));
}

/// <summary>
/// An endpoint filter on the documents API: whatever handler answered 409, 412 or 428, the event is
/// logged and counted here, so no handler can forget to.
/// </summary>
public sealed partial class ConflictReportingFilter(ConflictMetrics metrics, ILogger<ConflictReportingFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (Unwrap(result) is ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed or StatusCodes.Status428PreconditionRequired } problem)
        {
            var kind = ProblemTypes.Kind(problem.ProblemDetails.Type);
            metrics.Record(kind);
            if (!logger.IsEnabled(LogLevel.Information))
            {
                return result;
            }

            var http = context.HttpContext;
            LogConflict(
                logger,
                kind,
                problem.StatusCode,
                http.Request.RouteValues.TryGetValue("idOrSlug", out var document) ? document?.ToString() : null,
                Extension(problem, "baseVersion"),
                Extension(problem, "currentVersion"),
                http.Connection.RemoteIpAddress?.ToString(),
                http.Request.Headers.UserAgent.ToString());
        }

        return result;
    }

    private static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result;
    }

    private static object? Extension(ProblemHttpResult problem, string name) =>
        problem.ProblemDetails.Extensions.TryGetValue(name, out var value) ? value : null;

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Write refused ({Kind}, {Status}) on document {Document}: base {BaseVersion}, current {CurrentVersion}, client {Client} ({UserAgent})")]
    private static partial void LogConflict(ILogger logger, string kind, int status, string? document, object? baseVersion, object? currentVersion, string? client, string userAgent);
}
