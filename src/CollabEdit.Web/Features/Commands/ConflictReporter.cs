using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// Logs and counts the outcomes that refuse a write because of the document's version or state. It is a step of the
/// command pipeline, after every command, so that a conflict met in the editor is counted exactly like one met
/// through the API, and no caller can forget to. A save rebased onto newer versions is not a refusal: it is counted
/// apart (<see cref="ConflictMetrics.RecordRebase"/>), and logged only when words both sides changed were handed back.
/// </summary>
public sealed partial class ConflictReporter(ConflictMetrics metrics, ILogger<ConflictReporter> logger)
{
    public void Report(Outcome outcome, string document, DocumentActor actor)
    {
        if (outcome is DocumentOutcome.Saved { Rebased: { } rebased } saved)
        {
            metrics.RecordRebase(rebased.Conflicts.Count > 0);
            if (rebased.Conflicts.Count > 0)
            {
                LogRebaseConflict(logger, rebased.Conflicts.Count, document, rebased.BaseVersion, saved.Document.Head.CurrentVersion,
                    string.Join(", ", rebased.Authors), actor.Client, actor.Agent ?? "");
            }

            return;
        }

        (string Type, int Status, int? BaseVersion, int? CurrentVersion)? conflict = outcome switch
        {
            DocumentOutcome.Stale stale => (ProblemTypes.StaleBaseVersion, StatusCodes.Status409Conflict, stale.BaseVersion, stale.Current.CurrentVersion),
            DocumentOutcome.PreconditionFailed failed => (ProblemTypes.StaleIfMatch, StatusCodes.Status412PreconditionFailed, null, failed.Current.CurrentVersion),
            DocumentOutcome.PreconditionRequired => (ProblemTypes.PreconditionRequired, StatusCodes.Status428PreconditionRequired, null, null),
            DocumentOutcome.Archived archived => (ProblemTypes.DocumentArchived, StatusCodes.Status409Conflict, null, archived.Current.CurrentVersion),
            DocumentOutcome.SlugTaken => (ProblemTypes.SlugTaken, StatusCodes.Status409Conflict, null, null),
            DocumentOutcome.IdempotencyKeyInFlight => (ProblemTypes.IdempotencyKeyInFlight, StatusCodes.Status409Conflict, null, null),
            DocumentOutcome.PatchDoesNotApply notApplied => (ProblemTypes.PatchDoesNotApply, StatusCodes.Status409Conflict, notApplied.Version, notApplied.Current.CurrentVersion),
            DocumentOutcome.Locked locked => (ProblemTypes.DocumentLocked, StatusCodes.Status409Conflict, null, locked.Current.CurrentVersion),
            _ => null,
        };
        if (conflict is not { } c)
        {
            return;
        }

        var kind = ProblemTypes.Kind(c.Type);
        metrics.Record(kind);
        LogConflict(logger, kind, c.Status, document, c.BaseVersion, c.CurrentVersion, actor.Client, actor.Agent ?? "");
    }

    // Expected in a collaborative editor: information, not a warning.
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information,
        Message = "Write refused ({Kind}, {Status}) on document {Document}: base {BaseVersion}, current {CurrentVersion}, client {Client} ({UserAgent})")]
    private static partial void LogConflict(ILogger logger, string kind, int status, string document, int? baseVersion, int? currentVersion, string? client, string userAgent);

    // A conflict handed back to an editor to decide, not a refusal: information too.
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Save rebased with {Conflicts} conflict(s) on document {Document}: base {BaseVersion}, saved as {CurrentVersion} over versions by {Authors}, client {Client} ({UserAgent})")]
    private static partial void LogRebaseConflict(ILogger logger, int conflicts, string document, int baseVersion, int currentVersion, string authors, string? client, string userAgent);
}
