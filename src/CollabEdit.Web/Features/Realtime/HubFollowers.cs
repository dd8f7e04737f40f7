using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Who follows which document on the hub, and a small outbox per connection. Announcements are queued per
/// connection and never awaited by the announcer: each connection has its own loop, a bounded queue (the oldest
/// message is dropped when it is full: followers care about the newest state) and a time limit per message.
/// A connection that does not take a message within <see cref="RealtimeOptions.ListenerTimeout"/> is
/// disconnected (its client reconnects when it can), so one client that stops reading costs a bounded amount of
/// memory and delays nobody else (found by trying it: a client that never read delayed another document's
/// announcement by 7 s).
/// Each connection belongs to a client (an account, or for nobody signed in an address: <see cref="RateLimiting.ClientRateLimiter.ClientKey"/>),
/// which may hold at most <see cref="RealtimeOptions.MaxHubConnectionsPerAccount"/> connections and follow one document from
/// at most <see cref="RealtimeOptions.MaxFollowersPerAccountPerDocument"/> of them (one account once opened 3,000 connections
/// in 9.5 s, +650 MB; a viewer's 500 filled a document's follower slots so that its owner was refused).
/// </summary>
public sealed partial class HubFollowers : IDisposable
{
    public const int OutboxCapacity = 32;

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _followers = new();
    private readonly ConcurrentDictionary<string, Outbox> _outboxes = new();
    private readonly Dictionary<string, int> _perClient = new(StringComparer.Ordinal);
    private readonly RealtimeOptions _options;
    private readonly Func<string, string, object, CancellationToken, Task> _send;
    private readonly TimeSpan _timeout;
    private readonly ILogger<HubFollowers> _logger;

    public HubFollowers(IHubContext<DocumentHub> hub, IOptions<RealtimeOptions> options, ILogger<HubFollowers> logger)
        : this((connectionId, method, argument, cancellationToken) => hub.Clients.Client(connectionId).SendAsync(method, argument, cancellationToken), options, logger)
    {
    }

    /// <param name="send">Sends one message to one connection (tests replace the hub with their own).</param>
    /// <param name="options">The time limit per message.</param>
    /// <param name="logger">Where stuck connections are reported.</param>
    internal HubFollowers(Func<string, string, object, CancellationToken, Task> send, IOptions<RealtimeOptions> options, ILogger<HubFollowers> logger)
    {
        _send = send;
        _timeout = options.Value.ListenerTimeout;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>A connection opened (tests: a client of its own): it gets an outbox; <paramref name="abort"/> ends it if it stops taking messages.</summary>
    public void Connected(string connectionId, Action abort) => Connected(connectionId, $"connection:{connectionId}", abort);

    /// <summary>
    /// A connection of <paramref name="client"/> opened: it gets an outbox; <paramref name="abort"/> ends it if it stops
    /// taking messages. False, and nothing is kept, when the client already holds as many connections as it may.
    /// </summary>
    public bool Connected(string connectionId, string client, Action abort)
    {
        lock (_perClient)
        {
            var held = _perClient.GetValueOrDefault(client);
            if (held >= _options.HubConnectionsCap(client))
            {
                return false;
            }

            _perClient[client] = held + 1;
        }

        var outbox = new Outbox(this, connectionId, client, abort);
        if (_outboxes.TryAdd(connectionId, outbox))
        {
            outbox.Start();
        }
        else
        {
            Release(client);
        }

        return true;
    }

    /// <summary>How many connections a client holds on this server.</summary>
    public int ConnectionsOf(string client)
    {
        lock (_perClient)
        {
            return _perClient.GetValueOrDefault(client);
        }
    }

    public void Disconnected(string connectionId)
    {
        if (!_outboxes.TryRemove(connectionId, out var outbox))
        {
            return;
        }

        Release(outbox.Client);
        outbox.Dispose();
        foreach (var documentId in outbox.Followed())
        {
            Unfollow(documentId, connectionId);
        }
    }

    /// <summary>The connection follows the document; false when its client follows it from as many connections as it may.</summary>
    public bool Follow(Guid documentId, string connectionId)
    {
        if (!_outboxes.TryGetValue(connectionId, out var outbox))
        {
            return false;
        }

        var followers = _followers.GetOrAdd(documentId, _ => new());
        lock (followers)
        {
            if (!followers.ContainsKey(connectionId)
                && followers.Keys.Count(id => _outboxes.TryGetValue(id, out var other) && other.Client == outbox.Client) >= _options.FollowersPerDocumentCap(outbox.Client))
            {
                return false;
            }

            outbox.Follow(documentId);
            followers[connectionId] = 0;
        }

        return true;
    }

    /// <summary>
    /// The client's access to the document changed: its connections stop following it (they may join again, and are
    /// then checked against the new role). Returns the connections that were following, so their other state can go too.
    /// </summary>
    public IReadOnlyList<string> EndFollowing(Guid documentId, string client)
    {
        if (!_followers.TryGetValue(documentId, out var followers))
        {
            return [];
        }

        var ended = followers.Keys.Where(id => _outboxes.TryGetValue(id, out var outbox) && outbox.Client == client).ToList();
        foreach (var connectionId in ended)
        {
            Unfollow(documentId, connectionId);
        }

        return ended;
    }

    /// <summary>Queues a message for every connection of a client on this server and returns at once.</summary>
    public void SendToClient(string client, string method, object argument)
    {
        foreach (var outbox in _outboxes.Values.Where(o => o.Client == client))
        {
            outbox.Queue(method, argument);
        }
    }

    public void Unfollow(Guid documentId, string connectionId)
    {
        if (_outboxes.TryGetValue(connectionId, out var outbox))
        {
            outbox.Unfollow(documentId);
        }

        if (_followers.TryGetValue(documentId, out var followers))
        {
            followers.TryRemove(connectionId, out _);
        }
    }

    /// <summary>Queues a message for every follower of the document and returns at once.</summary>
    public void Publish(Guid documentId, string method, object argument)
    {
        if (!_followers.TryGetValue(documentId, out var followers))
        {
            return;
        }

        foreach (var connectionId in followers.Keys)
        {
            SendTo(connectionId, method, argument);
        }
    }

    /// <summary>Queues a message for one connection and returns at once.</summary>
    public void SendTo(string connectionId, string method, object argument)
    {
        if (_outboxes.TryGetValue(connectionId, out var outbox))
        {
            outbox.Queue(method, argument);
        }
    }

    /// <summary>How many messages wait for a connection (at most <see cref="OutboxCapacity"/>).</summary>
    public int Waiting(string connectionId) => _outboxes.TryGetValue(connectionId, out var outbox) ? outbox.Count : 0;

    private void Release(string client)
    {
        lock (_perClient)
        {
            if (_perClient.TryGetValue(client, out var held) && held > 1)
            {
                _perClient[client] = held - 1;
            }
            else
            {
                _perClient.Remove(client);
            }
        }
    }

    public void Dispose()
    {
        foreach (var outbox in _outboxes.Values)
        {
            outbox.Dispose();
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Connection {ConnectionId} took no message for {Timeout}; it is disconnected")]
    private static partial void LogStuck(ILogger logger, string connectionId, TimeSpan timeout);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "A message to connection {ConnectionId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string connectionId);

    private sealed class Outbox(HubFollowers owner, string connectionId, string client, Action abort) : IDisposable
    {
        private readonly Channel<(string Method, object Argument)> _queue = Channel.CreateBounded<(string, object)>(
            new BoundedChannelOptions(OutboxCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

        private readonly CancellationTokenSource _stopping = new();
        private readonly HashSet<Guid> _followed = [];
        private int _disposed;

        public int Count => _queue.Reader.Count;

        /// <summary>Whose connection this is (the account's key, or an address's).</summary>
        public string Client => client;

        /// <summary>The documents this connection follows, so that leaving touches only those.</summary>
        public void Follow(Guid documentId)
        {
            lock (_followed)
            {
                _followed.Add(documentId);
            }
        }

        public void Unfollow(Guid documentId)
        {
            lock (_followed)
            {
                _followed.Remove(documentId);
            }
        }

        public Guid[] Followed()
        {
            lock (_followed)
            {
                return [.. _followed];
            }
        }

        public void Start() => _ = Task.Run(PumpAsync);

        public void Queue(string method, object argument) => _queue.Writer.TryWrite((method, argument));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _stopping.Cancel();
                _queue.Writer.TryComplete();
            }
        }

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var (method, argument) in _queue.Reader.ReadAllAsync(_stopping.Token))
                {
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                    limit.CancelAfter(owner._timeout);
                    try
                    {
                        await owner._send(connectionId, method, argument, limit.Token).WaitAsync(limit.Token);
                    }
                    catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                    {
                        LogStuck(owner._logger, connectionId, owner._timeout);
                        owner.Disconnected(connectionId);
                        abort();
                        return;
                    }
                    catch (Exception exception) when (!_stopping.IsCancellationRequested)
                    {
                        LogSendFailed(owner._logger, exception, connectionId);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // The connection closed.
            }
        }
    }
}
