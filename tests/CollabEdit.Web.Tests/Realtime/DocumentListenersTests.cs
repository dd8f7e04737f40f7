using CollabEdit.Web.Features.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabEdit.Web.Tests.Realtime;

/// <summary>One listener that hangs or fails (an editor whose browser went away) never holds up the publisher or the others.</summary>
public sealed class DocumentListenersTests
{
    private static readonly Guid Document = Guid.NewGuid();

    [Fact]
    public async Task AStuckListenerDelaysNeitherThePublisherNorTheOthers()
    {
        var listeners = new DocumentListeners<int>(NullLogger.Instance, TimeSpan.FromMilliseconds(200));
        var stuckCalls = 0;
        var received = new List<int>();
        var allReceived = new TaskCompletionSource();
        using var stuck = listeners.Subscribe(Document, _ =>
        {
            Interlocked.Increment(ref stuckCalls);
            return new TaskCompletionSource().Task; // never completes, like a JS call to an offline tab
        });
        using var healthy = listeners.Subscribe(Document, value =>
        {
            lock (received)
            {
                received.Add(value);
                if (received.Count == 12)
                {
                    allReceived.TrySetResult();
                }
            }

            return Task.CompletedTask;
        });

        var publishing = System.Diagnostics.Stopwatch.StartNew();
        for (var value = 1; value <= 12; value++)
        {
            listeners.Publish(Document, value);
        }

        // Waiting on the stuck listener would take 12 × 200 ms; the margin is for a busy CI machine, not for waits.
        Assert.True(publishing.ElapsedMilliseconds < 1_000, $"Publishing waited {publishing.ElapsedMilliseconds} ms.");
        await allReceived.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Enumerable.Range(1, 12), received);

        // The stuck listener is given up on for each value after its timeout, and still gets the newest values.
        await Task.Delay(1_000);
        Assert.True(Volatile.Read(ref stuckCalls) >= 3, $"The stuck listener was called {stuckCalls} times.");
    }

    [Fact]
    public async Task AListenerThatThrowsEvenACancellationKeepsGettingValuesAndHarmsNoOne()
    {
        var listeners = new DocumentListeners<int>(NullLogger.Instance, TimeSpan.FromSeconds(5));
        var thrower = new List<int>();
        var other = new List<int>();
        using var throwing = listeners.Subscribe(Document, value =>
        {
            lock (thrower)
            {
                thrower.Add(value);
            }

            return value % 2 == 0 ? Task.FromException(new TaskCanceledException()) : throw new InvalidOperationException("browser gone");
        });
        using var healthy = listeners.Subscribe(Document, value =>
        {
            lock (other)
            {
                other.Add(value);
            }

            return Task.CompletedTask;
        });

        for (var value = 1; value <= 5; value++)
        {
            listeners.Publish(Document, value);
        }

        await WaitUntilAsync(() => Count(thrower) == 5 && Count(other) == 5);
        Assert.Equal([1, 2, 3, 4, 5], other);
    }

    [Fact]
    public async Task AListenerThatFallsBehindSkipsToTheNewestValues()
    {
        var listeners = new DocumentListeners<int>(NullLogger.Instance, TimeSpan.FromSeconds(5), queueCapacity: 4);
        var gate = new TaskCompletionSource();
        var received = new List<int>();
        using var slow = listeners.Subscribe(Document, async value =>
        {
            await gate.Task;
            lock (received)
            {
                received.Add(value);
            }
        });

        for (var value = 1; value <= 10; value++)
        {
            listeners.Publish(Document, value);
        }

        gate.SetResult();
        await WaitUntilAsync(() => Count(received) > 0 && received[^1] == 10);
        Assert.True(Count(received) <= 5, $"Got {string.Join(",", received)}: the queue is bounded, so the oldest are dropped.");
    }

    [Fact]
    public async Task AnUnsubscribedListenerGetsNothingMore()
    {
        var listeners = new DocumentListeners<int>(NullLogger.Instance, TimeSpan.FromSeconds(5));
        var received = new List<int>();
        var subscription = listeners.Subscribe(Document, value =>
        {
            lock (received)
            {
                received.Add(value);
            }

            return Task.CompletedTask;
        });
        listeners.Publish(Document, 1);
        await WaitUntilAsync(() => Count(received) == 1);

        subscription.Dispose();
        listeners.Publish(Document, 2);
        await Task.Delay(200);

        Assert.Equal([1], received);
        Assert.Equal(0, listeners.CountFor(Document));
    }

    private static int Count(List<int> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
