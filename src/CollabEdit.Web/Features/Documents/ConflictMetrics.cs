using System.Diagnostics.Metrics;

namespace CollabEdit.Web.Features.Documents;

/// <summary>Counts every refused write (409, 412, 428) as <c>collabedit.conflicts</c>, tagged by kind.</summary>
public sealed class ConflictMetrics
{
    public const string MeterName = "CollabEdit";
    public const string ConflictsInstrument = "collabedit.conflicts";

    private readonly Counter<long> _conflicts;

    public ConflictMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _conflicts = meter.CreateCounter<long>(ConflictsInstrument, unit: "{conflict}", description: "Writes refused because of a version conflict or a missing precondition.");
    }

    public void Record(string kind) => _conflicts.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
