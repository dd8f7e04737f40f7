using System.Diagnostics.Metrics;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Commands;
using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CollabEdit.Web.Tests.Platform;

/// <summary>Rebased saves are counted as <c>collabedit.rebases</c> by result, never as conflicts (they are saved, not refused).</summary>
public sealed class RebaseMetricsTests(CollabEditApiFactory factory) : IClassFixture<CollabEditApiFactory>, IDisposable
{
    private readonly List<(string Instrument, string Tag)> _measurements = [];
    private readonly MeterListener _listener = new();

    private CommandPipeline Commands => factory.Services.GetRequiredService<CommandPipeline>();

    [Fact]
    public async Task ACleanAndAConflictedRebaseAreCountedByResultAndOnlyTheConflictedOneIsLogged()
    {
        Listen();
        var created = Assert.IsType<DocumentOutcome.Created>(
            await Commands.SendAsync(new CreateDocumentCommand("Rebase metrics", null, "the cat sat\n\nthe end\n", new DocumentActor("Ana")), CancellationToken.None)).Document;
        var id = created.Head.Id;
        await SaveAsync(id, ChangeSet.Of(21, [new TextChange(4, 7, "dog")]), "Ana");
        await SaveAsync(id, ChangeSet.Of(21, [new TextChange(17, 20, "finish")]), "Bo");
        await SaveAsync(id, ChangeSet.Of(21, [new TextChange(4, 7, "cow")]), "Carl");

        lock (_measurements)
        {
            Assert.Equal(
                [(ConflictMetrics.RebasesInstrument, "clean"), (ConflictMetrics.RebasesInstrument, "conflict")],
                _measurements.OrderBy(m => m.Tag));
        }

        var logged = Assert.Single(factory.Logs, l => l.EventId.Id == 2001 && Equals(State(l, "Document"), id.ToString()));
        Assert.Equal((1, 1, "Ana, Bo"), (State(logged, "Conflicts"), State(logged, "BaseVersion"), State(logged, "Authors")));
        Assert.DoesNotContain(factory.Logs, l => l.EventId.Id == 2000 && Equals(State(l, "Document"), id.ToString()));
    }

    private async Task SaveAsync(Guid id, ChangeSet changes, string author) =>
        Assert.IsType<DocumentOutcome.Saved>(await Commands.SendAsync(SaveDocumentCommand.RebasedOnBase(id, changes, null, 1, new DocumentActor(author)), CancellationToken.None));

    private static object? State(CapturedLog log, string name) => log.State.FirstOrDefault(kv => kv.Key == name).Value;

    private void Listen()
    {
        // Only this app's meter: other test classes run their own apps in parallel in this process.
        var meterFactory = factory.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name is ConflictMetrics.RebasesInstrument or ConflictMetrics.ConflictsInstrument && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            var tag = tags.ToArray().FirstOrDefault(t => t.Key is "result" or "kind").Value as string ?? "";
            lock (_measurements)
            {
                _measurements.Add((instrument.Name, tag));
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
