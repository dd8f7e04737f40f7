using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Who has which document open (one entry per hub connection or editor circuit), and who typed in the last
/// few seconds. Changes are announced to the document's listeners (open editors) and to the hub broadcast,
/// without waiting for either; "typing" is announced when it starts and again when it expires, not per keystroke;
/// a document's announcements are coalesced to one per <see cref="RealtimeOptions.PresenceInterval"/> (the newest
/// state), its followers are capped (<see cref="RealtimeOptions.MaxViewersPerDocument"/>) and so is the list of names.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (string Name, DateTimeOffset? TypedAt)>> _documents = new();
    private readonly ConcurrentDictionary<Guid, ITimer> _typingExpiry = new();
    private readonly ConcurrentDictionary<Guid, Throttle> _throttles = new();
    private readonly RealtimeOptions _options;
    private readonly DocumentListeners<Presence> _listeners;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _typingWindow;
    private Action<Presence>? _everyDocument;
    private Action<Guid, string>? _left;
    private IPresenceExchange? _exchange;

    public PresenceTracker(TimeProvider clock, IOptions<RealtimeOptions> options, ILogger<PresenceTracker> logger)
    {
        _clock = clock;
        _typingWindow = options.Value.TypingWindow;
        _options = options.Value;
        _listeners = new DocumentListeners<Presence>(logger, options.Value.ListenerTimeout);
    }

    /// <summary>Called for every change of every document (the hub's broadcast). Must return at once.</summary>
    public void OnEveryChange(Action<Presence> listener) => _everyDocument = listener;

    public IDisposable Subscribe(Guid documentId, Func<Presence, Task> listener) => _listeners.Subscribe(documentId, listener);

    /// <summary>Called with the document and the entry whenever an entry leaves (its caret goes with it: <see cref="CaretTracker"/>). Must return at once.</summary>
    public void OnLeave(Action<Guid, string> listener) => _left += listener;

    /// <summary>
    /// Several servers: this server's viewers go to the exchange on every change, and what it knows of the other
    /// servers' viewers is merged into every announcement.
    /// </summary>
    public void UseExchange(IPresenceExchange exchange) => _exchange = exchange;

    /// <summary>The exchange heard of a change on another server: announce the merged state here (coalesced as any change).</summary>
    public void RemoteChanged(Guid documentId) => Announce(documentId);

    /// <summary>Documents with viewers on this server.</summary>
    public IEnumerable<Guid> LocalDocuments => _documents.Where(d => !d.Value.IsEmpty).Select(d => d.Key);

    /// <summary>This server's viewers of a document, names merged (what the exchange publishes).</summary>
    public IReadOnlyList<Viewer> LocalViewers(Guid documentId)
    {
        var now = _clock.GetUtcNow();
        return _documents.TryGetValue(documentId, out var connections)
            ? [.. connections.Values
                .GroupBy(v => v.Name, StringComparer.Ordinal)
                .Select(g => new Viewer(g.Key, g.Count(), g.Any(v => IsTyping(v.TypedAt, now))))]
            : [];
    }

    public void Join(Guid documentId, string connectionId, string name) => TryJoin(documentId, connectionId, name);

    /// <summary>Adds (or renames) a follower; false, and nothing changes, when the document has as many as it may.</summary>
    public bool TryJoin(Guid documentId, string connectionId, string name)
    {
        var connections = _documents.GetOrAdd(documentId, _ => new());
        lock (connections)
        {
            if (!connections.ContainsKey(connectionId) && connections.Count >= _options.MaxViewersPerDocument)
            {
                return false;
            }

            connections[connectionId] = (name, null);
        }

        Changed(documentId);
        return true;
    }

    public void Leave(Guid documentId, string connectionId)
    {
        if (_documents.TryGetValue(documentId, out var connections) && connections.TryRemove(connectionId, out _))
        {
            if (connections.IsEmpty && _typingExpiry.TryRemove(documentId, out var timer))
            {
                timer.Dispose();
            }

            _left?.Invoke(documentId, connectionId);
            Changed(documentId);
        }
    }

    public void Typing(Guid documentId, string connectionId)
    {
        if (!_documents.TryGetValue(documentId, out var connections) || !connections.TryGetValue(connectionId, out var viewer))
        {
            return;
        }

        var now = _clock.GetUtcNow();
        var wasTyping = IsTyping(viewer.TypedAt, now);
        connections[connectionId] = viewer with { TypedAt = now };

        // Announce again just after the window closes, so that "typing…" clears without anyone having to act.
        var due = _typingWindow + TimeSpan.FromMilliseconds(50);
        _typingExpiry.AddOrUpdate(
            documentId,
            id => _clock.CreateTimer(_ => Changed(id), null, due, Timeout.InfiniteTimeSpan),
            (_, timer) =>
            {
                timer.Change(due, Timeout.InfiniteTimeSpan);
                return timer;
            });
        if (!wasTyping)
        {
            Changed(documentId);
        }
    }

    public Presence Of(Guid documentId)
    {
        var now = _clock.GetUtcNow();
        var local = _documents.TryGetValue(documentId, out var connections)
            ? connections.Values.Select(v => new Viewer(v.Name, 1, IsTyping(v.TypedAt, now)))
            : [];
        var viewers = local.Concat(_exchange?.RemoteViewers(documentId) ?? [])
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .Select(g => new Viewer(g.Key, g.Sum(v => v.ConnectionCount), g.Any(v => v.Typing)))
            .OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        if (viewers.Count <= _options.MaxViewersListed)
        {
            return new Presence(documentId, viewers);
        }

        // Those typing are the ones worth naming; the rest are counted.
        var listed = viewers.OrderByDescending(v => v.Typing).Take(_options.MaxViewersListed)
            .OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new Presence(documentId, listed, viewers.Count - listed.Count);
    }

    private bool IsTyping(DateTimeOffset? typedAt, DateTimeOffset now) => typedAt is { } at && now - at < _typingWindow;

    /// <summary>A change of this server's viewers: announced here, and told to the other servers.</summary>
    private void Changed(Guid documentId)
    {
        Announce(documentId);
        _exchange?.LocalChanged(documentId, LocalViewers(documentId));
    }

    /// <summary>Sends now if the document's last announcement is older than the interval; otherwise once, when it ends, with the state then.</summary>
    private void Announce(Guid documentId)
    {
        var throttle = _throttles.GetOrAdd(documentId, _ => new Throttle());
        lock (throttle)
        {
            var now = _clock.GetUtcNow();
            if (throttle.Pending is not null)
            {
                return;
            }

            if (now < throttle.NextAllowed)
            {
                throttle.Pending = _clock.CreateTimer(_ => Flush(documentId, throttle), null, throttle.NextAllowed - now, Timeout.InfiniteTimeSpan);
                return;
            }

            throttle.NextAllowed = now + _options.PresenceInterval;
        }

        Send(documentId);
    }

    private void Flush(Guid documentId, Throttle throttle)
    {
        lock (throttle)
        {
            throttle.Pending?.Dispose();
            throttle.Pending = null;
            throttle.NextAllowed = _clock.GetUtcNow() + _options.PresenceInterval;
        }

        Send(documentId);
        if (_documents.TryGetValue(documentId, out var connections) && connections.IsEmpty)
        {
            _throttles.TryRemove(KeyValuePair.Create(documentId, throttle));
        }
    }

    private void Send(Guid documentId)
    {
        var presence = Of(documentId);
        _everyDocument?.Invoke(presence);
        _listeners.Publish(documentId, presence);
    }

    /// <summary>When a document may next be announced, and the announcement waiting for that moment, if any.</summary>
    private sealed class Throttle
    {
        public DateTimeOffset NextAllowed { get; set; }

        public ITimer? Pending { get; set; }
    }
}
