using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Who has which document open (one entry per hub connection or editor circuit), and who typed in the last
/// few seconds. Every change is announced to the document's listeners (open editors) and to the hub broadcast,
/// without waiting for either; "typing" is announced when it starts and again when it expires, not per keystroke.
/// </summary>
public sealed class PresenceTracker
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (string Name, DateTimeOffset? TypedAt)>> _documents = new();
    private readonly ConcurrentDictionary<Guid, ITimer> _typingExpiry = new();
    private readonly DocumentListeners<Presence> _listeners;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _typingWindow;
    private Action<Presence>? _everyDocument;

    public PresenceTracker(TimeProvider clock, IOptions<RealtimeOptions> options, ILogger<PresenceTracker> logger)
    {
        _clock = clock;
        _typingWindow = options.Value.TypingWindow;
        _listeners = new DocumentListeners<Presence>(logger, options.Value.ListenerTimeout);
    }

    /// <summary>Called for every change of every document (the hub's broadcast). Must return at once.</summary>
    public void OnEveryChange(Action<Presence> listener) => _everyDocument = listener;

    public IDisposable Subscribe(Guid documentId, Func<Presence, Task> listener) => _listeners.Subscribe(documentId, listener);

    public void Join(Guid documentId, string connectionId, string name)
    {
        _documents.GetOrAdd(documentId, _ => new())[connectionId] = (name, null);
        Announce(documentId);
    }

    public void Leave(Guid documentId, string connectionId)
    {
        if (_documents.TryGetValue(documentId, out var connections) && connections.TryRemove(connectionId, out _))
        {
            if (connections.IsEmpty && _typingExpiry.TryRemove(documentId, out var timer))
            {
                timer.Dispose();
            }

            Announce(documentId);
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
            id => _clock.CreateTimer(_ => Announce(id), null, due, Timeout.InfiniteTimeSpan),
            (_, timer) =>
            {
                timer.Change(due, Timeout.InfiniteTimeSpan);
                return timer;
            });
        if (!wasTyping)
        {
            Announce(documentId);
        }
    }

    public Presence Of(Guid documentId)
    {
        var now = _clock.GetUtcNow();
        var viewers = _documents.TryGetValue(documentId, out var connections)
            ? connections.Values
                .GroupBy(v => v.Name, StringComparer.Ordinal)
                .Select(g => new Viewer(g.Key, g.Count(), g.Any(v => IsTyping(v.TypedAt, now))))
                .OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)
                .ToList()
            : [];
        return new Presence(documentId, viewers);
    }

    private bool IsTyping(DateTimeOffset? typedAt, DateTimeOffset now) => typedAt is { } at && now - at < _typingWindow;

    private void Announce(Guid documentId)
    {
        var presence = Of(documentId);
        _everyDocument?.Invoke(presence);
        _listeners.Publish(documentId, presence);
    }
}
