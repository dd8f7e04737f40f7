using System.Collections.Concurrent;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Who has which document open (by connection), and who typed in the last few seconds.</summary>
public sealed class PresenceTracker(TimeProvider clock)
{
    private static readonly TimeSpan TypingWindow = TimeSpan.FromSeconds(4);
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (string Name, DateTimeOffset? TypedAt)>> _documents = new();

    public void Join(Guid documentId, string connectionId, string name) =>
        _documents.GetOrAdd(documentId, _ => new())[connectionId] = (name, null);

    public void Leave(Guid documentId, string connectionId)
    {
        if (_documents.TryGetValue(documentId, out var connections))
        {
            connections.TryRemove(connectionId, out _);
        }
    }

    public void Typing(Guid documentId, string connectionId)
    {
        if (_documents.TryGetValue(documentId, out var connections) && connections.TryGetValue(connectionId, out var viewer))
        {
            connections[connectionId] = viewer with { TypedAt = clock.GetUtcNow() };
        }
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
}
