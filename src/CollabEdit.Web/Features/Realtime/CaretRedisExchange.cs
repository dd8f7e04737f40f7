using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Carets across servers over Redis pub/sub, as <see cref="RedisPresenceExchange"/> does presence: a server publishes
/// its carets of a document when its announcement of them changes (at most a few times a second, already coalesced),
/// and again every <see cref="Heartbeat"/>; what another server said is kept for <see cref="Freshness"/>, so the carets
/// of a server that dies leave everyone's editors within seconds.
/// </summary>
public sealed partial class CaretRedisExchange(
    IConnectionMultiplexer redis, CaretTracker carets, TimeProvider clock, ILogger<CaretRedisExchange> logger)
    : ICaretExchange, IHostedService, IDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly string _server = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal("carets");
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (IReadOnlyList<Caret> Carets, DateTimeOffset HeardAt)>> _remote = new();
    private ITimer? _timer;

    public void LocalChanged(Guid documentId, IReadOnlyList<Caret> local)
    {
        try
        {
            redis.GetSubscriber().Publish(_channel, JsonSerializer.Serialize(new Message(_server, documentId, local), RealtimeJson.Options), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            LogPublishFailed(logger, exception);
        }
    }

    public IEnumerable<Caret> RemoteCarets(Guid documentId)
    {
        if (!_remote.TryGetValue(documentId, out var servers))
        {
            return [];
        }

        var fresh = clock.GetUtcNow() - Freshness;
        return servers.Values.Where(s => s.HeardAt > fresh).SelectMany(s => s.Carets);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        carets.UseExchange(this);
        var queue = RedisSubscriptions.Subscribe(redis, _channel);
        queue.OnMessage(message => Heard(message.Message.ToString()));
        _timer = clock.CreateTimer(_ => Beat(), null, Heartbeat, Heartbeat);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        RedisSubscriptions.Unsubscribe(redis, _channel);
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    private void Heard(string json)
    {
        try
        {
            if (JsonSerializer.Deserialize<Message>(json, RealtimeJson.Options) is not { } message || message.Server == _server)
            {
                return;
            }

            var servers = _remote.GetOrAdd(message.DocumentId, _ => new());
            var before = servers.TryGetValue(message.Server, out var known) ? known.Carets : [];
            servers[message.Server] = (message.Carets, clock.GetUtcNow());
            if (!before.SequenceEqual(message.Carets))
            {
                carets.RemoteChanged(message.DocumentId);
            }
        }
        catch (JsonException exception)
        {
            LogUnreadable(logger, exception);
        }
    }

    private void Beat()
    {
        // A timer callback that throws ends the process: whatever one beat meets, the next one still runs.
        try
        {
            foreach (var documentId in carets.LocalDocuments)
            {
                LocalChanged(documentId, carets.LocalCarets(documentId));
            }

            var stale = clock.GetUtcNow() - Freshness;
            foreach (var (documentId, servers) in _remote)
            {
                var dropped = false;
                foreach (var (server, heard) in servers)
                {
                    if (heard.HeardAt <= stale && servers.TryRemove(server, out _))
                    {
                        dropped |= heard.Carets.Count > 0;
                    }
                }

                if (dropped)
                {
                    carets.RemoteChanged(documentId);
                }

                if (servers.IsEmpty)
                {
                    _remote.TryRemove(KeyValuePair.Create(documentId, servers));
                }
            }
        }
        catch (Exception exception)
        {
            LogBeatFailed(logger, exception);
        }
    }

    private sealed record Message(string Server, Guid DocumentId, IReadOnlyList<Caret> Carets);

    [LoggerMessage(EventId = 3130, Level = LogLevel.Warning, Message = "Could not publish carets to the other servers")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3131, Level = LogLevel.Warning, Message = "An unreadable carets message arrived from Redis")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3132, Level = LogLevel.Warning, Message = "A carets heartbeat failed; the next one runs as planned")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}
