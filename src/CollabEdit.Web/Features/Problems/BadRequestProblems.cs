using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace CollabEdit.Web.Features.Problems;

/// <summary>
/// Minimal APIs report an unreadable body (malformed JSON, a missing body, a body over the size limit) as
/// <see cref="BadHttpRequestException"/>. This turns it into a 400 or 413 problem saying where the JSON broke,
/// in every environment, before it can reach the exception handler as a 500 or an error log.
/// </summary>
public sealed partial class BadRequestProblems(RequestDelegate next, IProblemDetailsService problems, ILogger<BadRequestProblems> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
        {
            LogBadRequest(logger, exception.StatusCode, exception.Message);
            context.Response.Clear();
            context.Response.StatusCode = exception.StatusCode;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ParameterProblem(exception) ?? new ProblemDetails { Status = exception.StatusCode, Detail = Describe(exception) },
            });
        }
    }

    /// <summary>
    /// A query or route value that does not bind ("take=abc", "skip=2147483648") is a field error like any other:
    /// 400 validation, naming the parameter, not "the request has no readable body".
    /// </summary>
    private static ValidationProblemDetails? ParameterProblem(BadHttpRequestException exception)
    {
        var match = BindFailure().Match(exception.Message);
        if (!match.Success)
        {
            return null;
        }

        var (type, name, value) = (match.Groups["type"].Value, match.Groups["name"].Value, match.Groups["value"].Value);
        value = value.Length > 40 ? value[..40] + "…" : value;
        return new ValidationProblemDetails(new Dictionary<string, string[]> { [name] = [$"'{value}' is not a valid {Friendly(type)}."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Type = ProblemTypes.Validation,
            Title = "One or more fields are invalid",
            Detail = "See 'errors' for what to change.",
        };
    }

    private static string Friendly(string type) => type switch
    {
        "int" or "Int32" or "long" or "Int64" => "whole number in range",
        "bool" or "Boolean" => "true or false",
        _ => type,
    };

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[\\w.?]+) (?<name>\\w+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    private static string? Describe(BadHttpRequestException exception) => exception switch
    {
        { InnerException: JsonException { Path: var path, LineNumber: var line, BytePositionInLine: var position } } =>
            $"The body is not valid JSON for this request (at {path ?? "$"}, line {(line ?? 0) + 1}, byte {position ?? 0}). Send a JSON object as documented in /openapi/v1.json.",
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => "The request body is larger than the server accepts.",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => null,
        _ => "The request has no readable body. Send a JSON object (Content-Type: application/json) as documented in /openapi/v1.json.",
    };

    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Bad request answered with {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, int status, string reason);
}
