using System.Globalization;
using System.Threading.RateLimiting;
using CollabEdit.Web.Features.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>Bound from <c>CollabEdit:RateLimiting:Writes</c>: a token bucket per client for every write.</summary>
public sealed class WriteRateLimitOptions
{
    public const string SectionName = "CollabEdit:RateLimiting:Writes";

    /// <summary>Burst size: how many writes a client may make at once.</summary>
    public int TokenLimit { get; set; } = 60;

    /// <summary>Sustained rate: tokens added each <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; set; } = 30;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

public static class WriteRateLimiting
{
    public const string PolicyName = "writes";

    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(WriteRateLimitOptions.SectionName).Get<WriteRateLimitOptions>() ?? new WriteRateLimitOptions();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, http => RateLimitPartition.GetTokenBucketLimiter(
                ClientKey(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.TokenLimit,
                    TokensPerPeriod = options.TokensPerPeriod,
                    ReplenishmentPeriod = options.ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.ReplenishmentPeriod;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.RateLimited,
                        Title = "Too many writes",
                        Detail = $"This client is saving faster than allowed. Retry after {seconds} second(s).",
                        Extensions = { ["retryAfterSeconds"] = seconds },
                    },
                });
            };
        });
    }

    // A signed-in client is its account, wherever it connects from; nobody signed in is their address.
    internal static string ClientKey(HttpContext http) =>
        Access.Actors.UserIdOf(http.User) is { } userId ? $"user:{userId}" : $"ip:{http.Connection.RemoteIpAddress}";
}
