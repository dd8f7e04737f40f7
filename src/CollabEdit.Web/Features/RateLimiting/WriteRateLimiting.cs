using System.Globalization;
using System.Threading.RateLimiting;
using CollabEdit.Web.Features.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>The HTTP side of <see cref="ClientRateLimiter"/>: the middleware's policies draw from its buckets, and refusals are 429 problems.</summary>
public static class WriteRateLimiting
{
    public const string PolicyName = "writes";
    public const string ReadPolicyName = "reads";
    public const string WriteAttemptsPolicyName = "write-attempts";
    public const string SignInPolicyName = "sign-in";

    /// <param name="services">The app's services.</param>
    /// <param name="sharedInRedis">Keep the buckets in Redis (an <c>IConnectionMultiplexer</c> is registered): several servers.</param>
    public static IServiceCollection AddWriteRateLimiting(this IServiceCollection services, bool sharedInRedis)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(
                options => Enum.GetValues<RateLimitKind>().Select(options.For).All(bucket =>
                    bucket.TokenLimit > 0 && bucket.TokensPerPeriod > 0 && bucket.ReplenishmentPeriod > TimeSpan.Zero),
                "Every rate limit needs TokenLimit and TokensPerPeriod above 0 and a ReplenishmentPeriod above zero.")
            .ValidateOnStart();
        services.AddSingleton<LocalRateLimitBuckets>();
        if (sharedInRedis)
        {
            services.AddSingleton<RedisRateLimitBuckets>();
            services.AddSingleton<IRateLimitBuckets>(provider => provider.GetRequiredService<RedisRateLimitBuckets>());
        }
        else
        {
            services.AddSingleton<IRateLimitBuckets>(provider => provider.GetRequiredService<LocalRateLimitBuckets>());
        }

        services.AddSingleton<ClientRateLimiter>();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PolicyName, http => Partition(http, RateLimitKind.Writes));
            limiter.AddPolicy(ReadPolicyName, http => Partition(http, RateLimitKind.Reads));
            limiter.AddPolicy(SignInPolicyName, http => Partition(http, RateLimitKind.SignIn));
            limiter.AddPolicy(WriteAttemptsPolicyName, http => Partition(http, RateLimitKind.WriteAttempts));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var kind = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName switch
                {
                    ReadPolicyName => RateLimitKind.Reads,
                    SignInPolicyName => RateLimitKind.SignIn,
                    WriteAttemptsPolicyName => RateLimitKind.WriteAttempts,
                    _ => RateLimitKind.Writes,
                };
                var seconds = Seconds(http.RequestServices.GetRequiredService<ClientRateLimiter>().RetryAfter(kind, context.Lease));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.RateLimited,
                        Title = kind switch
                        {
                            RateLimitKind.Reads => "Too many reads",
                            RateLimitKind.SignIn => "Too many sign-in attempts",
                            _ => "Too many writes",
                        },
                        Detail = $"This client is sending requests faster than allowed. Retry after {seconds} second(s).",
                        Extensions = { ["retryAfterSeconds"] = seconds },
                    },
                });
            };
        });
    }

    /// <summary>Whole seconds to wait, at least one.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static RateLimitPartition<object> Partition(HttpContext http, RateLimitKind kind) =>
        // Sign-ins and sign-ups are limited per address whatever cookie or token comes with them (PartitionFor).
        http.RequestServices.GetRequiredService<ClientRateLimiter>().PartitionFor(kind, http.User, http.Connection.RemoteIpAddress);
}
