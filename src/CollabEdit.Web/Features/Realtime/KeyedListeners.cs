using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// In-process listeners per document (open editors). Publishing never waits for a listener: each subscription
/// has its own small queue and its own loop, and each call is bounded by a timeout, so a listener that is slow,
/// stuck (a browser that went offline) or failing delays and affects only itself, never the publisher or the others.
/// When a listener falls behind, the oldest queued values are dropped: listeners care about the newest state.
/// Keyed by document (<see cref="DocumentListeners{T}"/>), or by anything else (a person's access changes, by account).
/// </summary>
internal class KeyedListeners<TKey, T>(ILogger logger, TimeSpan callTimeout, int queueCapacity = 16)
    where TKey : notnull
{
    private readonly ILogger _logger = logger;
    private readonly TimeSpan _callTimeout = callTimeout;
    private readonly int _queueCapacity = queueCapacity;
    private readonly ConcurrentDictionary<TKey, ImmutableList<Subscription>> _subscriptions = new();

    public IDisposable Subscribe(TKey documentId, Func<T, Task> listener)
    {
        var subscription = new Subscription(this, documentId, listener);
        _subscriptions.AddOrUpdate(documentId, _ => [subscription], (_, current) => current.Add(subscription));
        subscription.Start();
        return subscription;
    }

    /// <summary>Queues <paramref name="value"/> for every listener of the document and returns at once.</summary>
    public void Publish(TKey documentId, T value)
    {
        if (_subscriptions.TryGetValue(documentId, out var subscriptions))
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Queue(value);
            }
        }
    }

    public int CountFor(TKey documentId) => _subscriptions.TryGetValue(documentId, out var subscriptions) ? subscriptions.Count : 0;

    private void Remove(Subscription subscription) =>
        _subscriptions.AddOrUpdate(subscription.DocumentId, _ => [], (_, current) => current.Remove(subscription));

    private sealed class Subscription(KeyedListeners<TKey, T> owner, TKey documentId, Func<T, Task> listener) : IDisposable
    {
        private readonly Channel<T> _queue = Channel.CreateBounded<T>(
            new BoundedChannelOptions(owner._queueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

        private readonly CancellationTokenSource _stopping = new();
        private int _disposed;

        public TKey DocumentId => documentId;

        public void Start() => _ = Task.Run(PumpAsync);

        public void Queue(T value) => _queue.Writer.TryWrite(value);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
                _stopping.Cancel();
                _queue.Writer.TryComplete();
            }
        }

        private async Task PumpAsync()
        {
            try
            {
                await foreach (var value in _queue.Reader.ReadAllAsync(_stopping.Token))
                {
                    try
                    {
                        await listener(value).WaitAsync(owner._callTimeout, _stopping.Token);
                    }
                    catch (Exception exception) when (!_stopping.IsCancellationRequested)
                    {
                        // Expected when a browser went away or stopped answering: only this listener misses the value.
                        RealtimeLog.ListenerFailed(owner._logger, exception, documentId.ToString() ?? "", exception.GetType().Name);
                    }
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Unsubscribed.
            }
        }
    }
}
