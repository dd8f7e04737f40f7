using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Presence across servers over Redis pub/sub: a server publishes its viewers of a document when they change, and
/// again every <see cref="Heartbeat"/> for every document it has viewers of. What another server said is kept for
/// <see cref="Freshness"/>: a server that dies stops repeating itself, and its viewers drop out of everyone's
/// presence within seconds, without anyone having to notice the death.
/// </summary>
public sealed partial class RedisPresenceExchange(
    IConnectionMultiplexer redis, PresenceTracker presence, TimeProvider clock, ILogger<RedisPresenceExchange> logger)
    : IPresenceExchange, IHostedService, IDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly string _server = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal("presence");
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (IReadOnlyList<Viewer> Viewers, DateTimeOffset HeardAt)>> _remote = new();
    private ITimer? _timer;

    public void LocalChanged(Guid documentId, IReadOnlyList<Viewer> viewers)
    {
        try
        {
            redis.GetSubscriber().Publish(_channel, JsonSerializer.Serialize(new Message(_server, documentId, viewers), RealtimeJson.Options), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            LogPublishFailed(logger, exception);
        }
    }

    public IEnumerable<Viewer> RemoteViewers(Guid documentId)
    {
        if (!_remote.TryGetValue(documentId, out var servers))
        {
            return [];
        }

        var fresh = clock.GetUtcNow() - Freshness;
        return servers.Values.Where(s => s.HeardAt > fresh).SelectMany(s => s.Viewers);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        presence.UseExchange(this);
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
            var before = servers.TryGetValue(message.Server, out var known) ? known.Viewers : [];
            servers[message.Server] = (message.Viewers, clock.GetUtcNow());
            if (!before.SequenceEqual(message.Viewers))
            {
                presence.RemoteChanged(message.DocumentId);
            }
        }
        catch (JsonException exception)
        {
            LogUnreadable(logger, exception);
        }
    }

    /// <summary>Repeat this server's viewers; forget servers not heard of lately, and say so where it changes presence.</summary>
    private void Beat()
    {
        // A timer callback that throws ends the process: whatever one beat meets, the next one still runs.
        try
        {
            BeatOnce();
        }
        catch (Exception exception)
        {
            LogBeatFailed(logger, exception);
        }
    }

    private void BeatOnce()
    {
        foreach (var documentId in presence.LocalDocuments)
        {
            LocalChanged(documentId, presence.LocalViewers(documentId));
        }

        var stale = clock.GetUtcNow() - Freshness;
        foreach (var (documentId, servers) in _remote)
        {
            var dropped = false;
            foreach (var (server, heard) in servers)
            {
                if (heard.HeardAt <= stale && servers.TryRemove(server, out _))
                {
                    dropped |= heard.Viewers.Count > 0;
                }
            }

            if (dropped)
            {
                presence.RemoteChanged(documentId);
            }

            if (servers.IsEmpty)
            {
                _remote.TryRemove(KeyValuePair.Create(documentId, servers));
            }
        }
    }

    private sealed record Message(string Server, Guid DocumentId, IReadOnlyList<Viewer> Viewers);

    [LoggerMessage(EventId = 3120, Level = LogLevel.Warning, Message = "Could not publish presence to the other servers")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Warning, Message = "A presence heartbeat failed; the next one runs as planned")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3121, Level = LogLevel.Warning, Message = "An unreadable presence message arrived from Redis")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
