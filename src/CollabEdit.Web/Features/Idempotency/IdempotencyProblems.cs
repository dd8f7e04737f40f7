using CollabEdit.Web.Features.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CollabEdit.Web.Features.Idempotency;

public static class IdempotencyProblems
{
    public static ProblemHttpResult PayloadMismatch(string key) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Type = ProblemTypes.IdempotencyKeyReused,
        Title = "Idempotency key reused with a different request",
        Detail = $"The key '{key}' was first used with another request body. Use a new key for a new request.",
    });

    public static ProblemHttpResult InFlight(string key) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status409Conflict,
        Type = ProblemTypes.IdempotencyKeyInFlight,
        Title = "A request with this idempotency key is still in progress",
        Detail = $"The first request with key '{key}' has not finished yet. Retry in a moment to get its response.",
    });
}
