using System.Diagnostics;
using CollabEdit.Web.Features.Documents;
using Microsoft.AspNetCore.Http.Features;

namespace CollabEdit.Web.Features.Problems;

public static class ProblemDetailsSetup
{
    /// <summary>
    /// Every error body is application/problem+json. Problems the framework raises (malformed JSON, 415,
    /// unknown routes, unhandled exceptions) get our stable types too, and never a stack trace.
    /// </summary>
    public static IServiceCollection AddCollabEditProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = ProblemTypes.ForStatus(status) ?? problem.Type;
            }

            if (status == StatusCodes.Status400BadRequest && problem.Type == ProblemTypes.MalformedRequest && problem.Detail is null)
            {
                problem.Detail = "The request could not be read. Send a JSON body (Content-Type: application/json) that matches the documented schema.";
            }

            if (status == StatusCodes.Status415UnsupportedMediaType)
            {
                problem.Detail ??= "Send the body as JSON with Content-Type: application/json.";
            }

            if (context.Exception is RevisionCorruptException corrupt)
            {
                // Storage has logged it as an error; the caller learns which version cannot be served, nothing more.
                problem.Type = ProblemTypes.RevisionCorrupt;
                problem.Title = "A stored version is damaged";
                problem.Detail = $"Version {corrupt.Version} of this document cannot be read back as it was saved, so it is not served. The server's log has the details.";
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            var traceId = Activity.Current?.Id ?? context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? context.HttpContext.TraceIdentifier;
            problem.Extensions.TryAdd("traceId", traceId);
        });
}
