using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>In-process listeners per document (open editors): subscribe, dispose to stop, notified in order.</summary>
internal sealed class DocumentListeners<T>
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Func<T, Task>>> _listeners = new();

    public IDisposable Subscribe(Guid documentId, Func<T, Task> listener)
    {
        _listeners.AddOrUpdate(documentId, _ => [listener], (_, current) => current.Add(listener));
        return new Subscription(() => _listeners.AddOrUpdate(documentId, _ => [], (_, current) => current.Remove(listener)));
    }

    public async Task NotifyAsync(Guid documentId, T value)
    {
        if (_listeners.TryGetValue(documentId, out var listeners))
        {
            foreach (var listener in listeners)
            {
                await listener(value);
            }
        }
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
