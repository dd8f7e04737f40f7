using System.Threading.RateLimiting;
using CollabEdit.Web.Features.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CollabEdit.Web.Features.RateLimiting;

/// <summary>
/// Several servers: each client's buckets live in Redis, so that a client's allowance is the same however the load
/// balancer spreads its requests. One Lua script takes a token atomically (read, refill, take, write in one step on
/// Redis's single thread; the clock is Redis's, so the servers' clocks need not agree). The refill is
/// System.Threading.RateLimiting's token bucket: whole periods, <c>TokensPerPeriod</c> each, up to <c>TokenLimit</c>.
/// If Redis is out of reach or slow (over <see cref="Patience"/>), this server's own buckets answer instead: a
/// client may then get one allowance per server for a while, and nobody waits on Redis.
/// </summary>
public sealed partial class RedisRateLimitBuckets(
    IConnectionMultiplexer redis,
    LocalRateLimitBuckets local,
    IOptions<RateLimitOptions> limits,
    IOptions<RedisOptions> redisOptions,
    TimeProvider clock,
    ILogger<RedisRateLimitBuckets> logger) : IRateLimitBuckets
{
    /// <summary>Longest a request waits for Redis's answer before this server's own bucket decides.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(500);

    // KEYS[1]: the bucket. ARGV: token limit, tokens per period, period (µs). Returns {granted, µs to wait}.
    private const string TakeScript = """
        local limit = tonumber(ARGV[1])
        local per = tonumber(ARGV[2])
        local period = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil or at > now then
          tokens = limit
          at = now
        end
        local periods = math.floor((now - at) / period)
        if periods > 0 then
          tokens = math.min(limit, tokens + periods * per)
          at = at + periods * period
        end
        if tokens >= limit then
          at = now
        end
        local granted = 0
        local wait = 0
        if tokens >= 1 then
          tokens = tokens - 1
          granted = 1
        else
          wait = at + period - now
        end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
        redis.call('PEXPIRE', KEYS[1], math.ceil(period * math.ceil(limit / per) / 1000) + 1000)
        return {granted, wait}
        """;

    private readonly string _prefix = redisOptions.Value.Key("rate:");
    private long _lastWarning = long.MinValue;

    /// <summary>Never at once: the bucket is a round trip away (the middleware then asks <see cref="TakeAsync"/>).</summary>
    public bool TryTakeNow(RateLimitKind kind, string clientKey, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RateLimitLease? lease)
    {
        lease = null;
        return false;
    }

    public async ValueTask<RateLimitLease> TakeAsync(RateLimitKind kind, string clientKey, CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            Unreachable(null);
            return await local.TakeAsync(kind, clientKey, cancellationToken);
        }

        var bucket = limits.Value.For(kind);
        try
        {
            var answer = (RedisResult[])(await redis.GetDatabase()
                .ScriptEvaluateAsync(TakeScript, [(RedisKey)$"{_prefix}{kind}:{clientKey}"],
                    [bucket.TokenLimit, bucket.TokensPerPeriod, (long)(bucket.ReplenishmentPeriod.Ticks / TimeSpan.TicksPerMicrosecond)])
                .WaitAsync(Patience, clock, cancellationToken))!;
            return (int)answer[0] == 1
                ? BucketLease.Granted
                : BucketLease.Refused(TimeSpan.FromTicks((long)answer[1] * TimeSpan.TicksPerMicrosecond));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Unreachable(exception);
            return await local.TakeAsync(kind, clientKey, cancellationToken);
        }
    }

    /// <summary>Says so at most every 30 s: a Redis outage must not flood the log with one line per request.</summary>
    private void Unreachable(Exception? exception)
    {
        var now = clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if ((last == long.MinValue || clock.GetElapsedTime(last, now) > TimeSpan.FromSeconds(30))
            && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            LogUnreachable(logger, exception);
        }
    }

    [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "Rate limits are kept by this server alone for now: Redis did not answer in time or is out of reach")]
    private static partial void LogUnreachable(ILogger logger, Exception? exception);
}
