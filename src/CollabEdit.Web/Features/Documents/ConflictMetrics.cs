using System.Diagnostics.Metrics;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Counts every refused write (409, 412, 428) as <c>collabedit.conflicts</c>, tagged by kind; and, apart from them,
/// every save rebased onto newer versions inside the save as <c>collabedit.rebases</c>, tagged <c>result</c>
/// <c>clean</c> (all of it went in) or <c>conflict</c> (some words were changed by both and handed back). A rebased save
/// is saved, not refused: it is never counted as a conflict.
/// </summary>
public sealed class ConflictMetrics
{
    public const string MeterName = "CollabEdit";
    public const string ConflictsInstrument = "collabedit.conflicts";
    public const string RebasesInstrument = "collabedit.rebases";
    public const string RebaseClean = "clean";
    public const string RebaseConflict = "conflict";

    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _rebases;

    public ConflictMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _conflicts = meter.CreateCounter<long>(ConflictsInstrument, unit: "{conflict}", description: "Writes refused because of a version conflict or a missing precondition.");
        _rebases = meter.CreateCounter<long>(RebasesInstrument, unit: "{save}", description: "Saves rebased onto newer versions inside the save, by result (clean, or with words both changed handed back).");
    }

    public void Record(string kind) => _conflicts.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>One rebased save; <paramref name="conflicted"/>: some of its words were handed back.</summary>
    public void RecordRebase(bool conflicted) =>
        _rebases.Add(1, new KeyValuePair<string, object?>("result", conflicted ? RebaseConflict : RebaseClean));
}
