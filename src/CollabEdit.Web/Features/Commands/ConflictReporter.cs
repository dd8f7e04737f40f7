using CollabEdit.Web.Features.Documents;
using CollabEdit.Web.Features.Problems;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// Logs and counts the outcomes that refuse a write because of the document's version or state. It is a step of the
/// command pipeline, after every command, so that a conflict met in the editor is counted exactly like one met
/// through the API, and no caller can forget to.
/// </summary>
public sealed partial class ConflictReporter(ConflictMetrics metrics, ILogger<ConflictReporter> logger)
{
    public void Report(Outcome outcome, string document, DocumentActor actor)
    {
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
}
