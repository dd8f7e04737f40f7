using System.Collections.Concurrent;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Who has which document open (one entry per hub connection or editor circuit), and who typed in the last
/// few seconds. Every change is announced to the document's listeners: the hub group and open editors.
/// </summary>
public sealed class PresenceTracker(TimeProvider clock)
{
    private static readonly TimeSpan TypingWindow = TimeSpan.FromSeconds(4);
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (string Name, DateTimeOffset? TypedAt)>> _documents = new();
    private readonly DocumentListeners<Presence> _listeners = new();
    private Func<Presence, Task>? _everyDocument;

    /// <summary>Called for every change of every document (the hub's broadcast).</summary>
    public void OnEveryChange(Func<Presence, Task> listener) => _everyDocument = listener;

    public IDisposable Subscribe(Guid documentId, Func<Presence, Task> listener) => _listeners.Subscribe(documentId, listener);

    public Task JoinAsync(Guid documentId, string connectionId, string name)
    {
        _documents.GetOrAdd(documentId, _ => new())[connectionId] = (name, null);
        return AnnounceAsync(documentId);
    }

    public Task LeaveAsync(Guid documentId, string connectionId) =>
        _documents.TryGetValue(documentId, out var connections) && connections.TryRemove(connectionId, out _)
            ? AnnounceAsync(documentId)
            : Task.CompletedTask;

    public Task TypingAsync(Guid documentId, string connectionId)
    {
        if (_documents.TryGetValue(documentId, out var connections) && connections.TryGetValue(connectionId, out var viewer))
        {
            connections[connectionId] = viewer with { TypedAt = clock.GetUtcNow() };
            return AnnounceAsync(documentId);
        }

        return Task.CompletedTask;
    }

    public Presence Of(Guid documentId)
    {
        var now = clock.GetUtcNow();
        var viewers = _documents.TryGetValue(documentId, out var connections)
            ? connections.Values
                .GroupBy(v => v.Name, StringComparer.Ordinal)
                .Select(g => new Viewer(g.Key, g.Count(), g.Any(v => v.TypedAt is { } at && now - at < TypingWindow)))
                .OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)
                .ToList()
            : [];
        return new Presence(documentId, viewers);
    }

    private async Task AnnounceAsync(Guid documentId)
    {
        var presence = Of(documentId);
        if (_everyDocument is { } everyDocument)
        {
            await everyDocument(presence);
        }

        await _listeners.NotifyAsync(documentId, presence);
    }
}
