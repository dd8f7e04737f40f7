using System.Collections.Concurrent;
using System.Text.Json;
using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// What each server holds of a document (its viewers for presence, its carets) exchanged over Redis pub/sub: a
/// server publishes its items of a document when they change, and again every <see cref="Heartbeat"/> for every
/// document it has items of. What another server said is kept for <see cref="Freshness"/>: a server that dies stops
/// repeating itself, and its items leave everyone's view within seconds, without anyone having to notice the death.
/// </summary>
/// <param name="redis">The connection to Redis.</param>
/// <param name="clock">The clock of the heartbeats and of freshness.</param>
/// <param name="logger">Where failures to publish or read are logged.</param>
/// <param name="channel">The Redis channel, one per kind of item.</param>
/// <param name="what">What the items are, for the log ("presence", "carets").</param>
public abstract class RedisExchange<TItem>(IConnectionMultiplexer redis, TimeProvider clock, ILogger logger, string channel, string what)
    : IHostedService, IDisposable
{
    /// <summary>How often a server repeats what it holds.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(2);

    /// <summary>How long what another server said is believed without being repeated.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    private readonly string _server = Guid.NewGuid().ToString("N");
    private readonly RedisChannel _channel = RedisChannel.Literal(channel);
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (IReadOnlyList<TItem> Items, DateTimeOffset HeardAt)>> _remote = new();
    private ITimer? _timer;

    /// <summary>The documents this server holds items of.</summary>
    protected abstract IEnumerable<Guid> LocalDocuments { get; }

    /// <summary>This server's items of a document.</summary>
    protected abstract IReadOnlyList<TItem> LocalItems(Guid documentId);

    /// <summary>What the other servers hold of a document changed: the local side tells its clients.</summary>
    protected abstract void RemoteChanged(Guid documentId);

    /// <summary>Makes this exchange the one the local side tells its changes to.</summary>
    protected abstract void Attach();

    /// <summary>This server's items of a document changed (or are repeated). Returns at once.</summary>
    public void LocalChanged(Guid documentId, IReadOnlyList<TItem> items)
    {
        try
        {
            redis.GetSubscriber().Publish(_channel, JsonSerializer.Serialize(new Message(_server, documentId, items), RealtimeJson.Options), CommandFlags.FireAndForget);
        }
        catch (RedisException exception)
        {
            RedisExchangeLog.PublishFailed(logger, exception, what);
        }
    }

    /// <summary>The other servers' items of a document, as last heard and still fresh.</summary>
    public IEnumerable<TItem> Remote(Guid documentId)
    {
        if (!_remote.TryGetValue(documentId, out var servers))
        {
            return [];
        }

        var fresh = clock.GetUtcNow() - Freshness;
        return servers.Values.Where(s => s.HeardAt > fresh).SelectMany(s => s.Items);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Attach();
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

    public void Dispose()
    {
        _timer?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Heard(string json)
    {
        try
        {
            if (JsonSerializer.Deserialize<Message>(json, RealtimeJson.Options) is not { } message || message.Server == _server)
            {
                return;
            }

            var servers = _remote.GetOrAdd(message.DocumentId, _ => new());
            var before = servers.TryGetValue(message.Server, out var known) ? known.Items : [];
            servers[message.Server] = (message.Items, clock.GetUtcNow());
            if (!before.SequenceEqual(message.Items))
            {
                RemoteChanged(message.DocumentId);
            }
        }
        catch (JsonException exception)
        {
            RedisExchangeLog.Unreadable(logger, exception, what);
        }
    }

    /// <summary>Repeat this server's items; forget servers not heard of lately, and say so where it changes what is shown.</summary>
    private void Beat()
    {
        // A timer callback that throws ends the process: whatever one beat meets, the next one still runs.
        try
        {
            BeatOnce();
        }
        catch (Exception exception)
        {
            RedisExchangeLog.BeatFailed(logger, exception, what);
        }
    }

    private void BeatOnce()
    {
        foreach (var documentId in LocalDocuments)
        {
            LocalChanged(documentId, LocalItems(documentId));
        }

        var stale = clock.GetUtcNow() - Freshness;
        foreach (var (documentId, servers) in _remote)
        {
            var dropped = false;
            foreach (var (server, heard) in servers)
            {
                if (heard.HeardAt <= stale && servers.TryRemove(server, out _))
                {
                    dropped |= heard.Items.Count > 0;
                }
            }

            if (dropped)
            {
                RemoteChanged(documentId);
            }

            if (servers.IsEmpty)
            {
                _remote.TryRemove(KeyValuePair.Create(documentId, servers));
            }
        }
    }

    private sealed record Message(string Server, Guid DocumentId, IReadOnlyList<TItem> Items);
}
