using System.Diagnostics.Metrics;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Platform;

public sealed class ConflictReportingTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>, IDisposable
{
    private readonly HttpClient _client = factory.CreateClient();
    private readonly List<(long Value, string Kind)> _measurements = [];
    private readonly MeterListener _listener = new();

    [Fact]
    public async Task Every409412And428IsCountedByKindAndLogged()
    {
        Listen();
        var (created, v1) = await _client.CreateAsync("Metrics", "a");
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "b" }, v1)))
        {
        }

        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "c" }, v1)))
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "c", baseVersion = 1 })))
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "c" })))
        {
        }

        _listener.RecordObservableInstruments();
        lock (_measurements)
        {
            Assert.Equal(["precondition-required", "stale-base-version", "stale-if-match"], _measurements.Select(m => m.Kind).Order());
        }

        var logged = factory.Logs.Where(l => l.EventId.Id == 2000 && Equals(State(l, "Document"), created.Slug)).ToList();
        Assert.Equal(3, logged.Count);
        var staleBase = Assert.Single(logged, l => Equals(State(l, "Kind"), "stale-base-version"));
        Assert.Equal(1, State(staleBase, "BaseVersion"));
        Assert.Equal(2, State(staleBase, "CurrentVersion"));
    }

    [Fact]
    public async Task AConflictMetInTheEditorIsCountedAndLoggedLikeOneThroughTheApi()
    {
        Listen();
        var (created, v1) = await _client.CreateAsync("Editor conflict", "a\n");
        var browser = new BrowserEditorStandIn();
        var editor = factory.Services.GetRequiredService<CollabEdit.Web.Features.Editing.DocumentEditor>();
        await editor.LoadAsync(created.Slug, CancellationToken.None);
        await editor.AttachAsync(browser, CancellationToken.None);
        using (await _client.SendAsync(ApiClient.Put(created.Slug, new { content = "b\n" }, v1)))
        {
        }

        browser.Type("c\n");
        editor.OnDirtyChanged(true);
        await editor.As("Bo").SaveAsync(CancellationToken.None);

        Assert.NotNull(editor.Merge);
        _listener.RecordObservableInstruments();
        lock (_measurements)
        {
            Assert.Equal(["stale-base-version"], _measurements.Select(m => m.Kind));
        }

        var logged = Assert.Single(factory.Logs, l => l.EventId.Id == 2000 && Equals(State(l, "Document"), created.Id.ToString()));
        Assert.Equal("editor", State(logged, "UserAgent"));
    }

    private static object? State(CapturedLog log, string name) => log.State.FirstOrDefault(kv => kv.Key == name).Value;

    private void Listen()
    {
        // Only this app's meter: other test classes run their own apps in parallel in this process.
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == ConflictMetrics.ConflictsInstrument && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var kind = tags.ToArray().First(t => t.Key == "kind").Value as string ?? "";
            lock (_measurements)
            {
                _measurements.Add((value, kind));
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
