using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// The one renderer of outcomes for people: the sentence the editor, the documents list and the sharing dialog show
/// for a refusal, in plain words, saying what to do next. Programs read the same outcomes as problem details
/// (<c>Api.OutcomeProblems</c>). Adding an outcome: one case here, one there.
/// </summary>
public static class OutcomeWords
{
    /// <summary>What an editor's refused save always adds: nothing typed is lost.</summary>
    public const string TextKept = "Your text is still here and kept in this browser.";

    /// <param name="outcome">A refusal (not a success).</param>
    /// <param name="attempt">What the person tried.</param>
    /// <param name="title">The document's title, where the sentence names it (the list).</param>
    /// <param name="nowUtc">Now, for "5 min ago".</param>
    public static string Say(Outcome outcome, Attempt attempt, string? title, DateTime nowUtc)
    {
        var named = title is null ? "this document" : $"\u201c{title}\u201d";
        var reason = outcome switch
        {
            AccessOutcome.RateLimited limited when attempt == Attempt.Save =>
                $"too many saves in a short time. Wait {limited.RetryAfterSeconds} s, then save again.",
            AccessOutcome.RateLimited limited => $"Too many changes at once: wait {limited.RetryAfterSeconds} second(s) and try again.",
            AccessOutcome.StorageAllowanceExceeded exceeded => AllowanceText(exceeded, attempt),
            DocumentOutcome.Locked locked => $"{LockedText(locked.Current, nowUtc)}: ask an owner to unlock it.",
            DocumentOutcome.TooLarge tooLarge => $"the document is too large ({tooLarge.Size:N0} bytes; the limit is {tooLarge.Limit:N0}).",
            DocumentOutcome.Archived => attempt == Attempt.Save ? "this document was archived." : $"{named} is archived: restore it first.",
            DocumentOutcome.NotFound => attempt == Attempt.Save
                ? "this document no longer exists, or you no longer have access to it."
                : $"{Capital(named)} no longer exists, or you no longer have access to it.",
            DocumentOutcome.PreconditionFailed failed => $"{Capital(named)} changed meanwhile (now v{failed.Current.CurrentVersion}); the list is updated, try again.",
            DocumentOutcome.Stale stale => $"{Capital(named)} changed meanwhile (now v{stale.Current.CurrentVersion}): reload it and try again.",
            DocumentOutcome.PreconditionRequired => "the version you started from is not known: reload the page and try again.",
            DocumentOutcome.InvalidIfMatch => "the version you started from is not readable: reload the page and try again.",
            DocumentOutcome.IdempotencyKeyReused => "this request was already made with other content: try again.",
            DocumentOutcome.IdempotencyKeyInFlight => "the same request is still running: wait a moment and look again.",
            DocumentOutcome.SlugTaken taken => $"The address '{taken.Slug}' is already used by another document. Choose another, or leave it empty.",
            DocumentOutcome.MalformedPatch malformed => $"line {malformed.Line} of the diff is not part of a unified diff ({malformed.Reason.TrimEnd('.')}).",
            DocumentOutcome.PatchDoesNotApply notApplied =>
                $"the change was made for another text: its part {notApplied.Hunk} does not match line {notApplied.Line} of v{notApplied.Version}. Make it again from this version.",
            DocumentOutcome.Invalid invalid => string.Join(" ", invalid.Errors.Values.SelectMany(e => e)),
            AccessOutcome.Forbidden forbidden => attempt switch
            {
                Attempt.Save => $"you are a {forbidden.Role.ToString().ToLowerInvariant()} of this document and may only read it. Ask an owner to make you an editor.",
                Attempt.Archive or Attempt.Restore => $"Only owners archive and restore {named}.",
                Attempt.Lock or Attempt.Unlock => $"Only owners lock and unlock {named}.",
                _ => "Only owners change who has access.",
            },
            AccessOutcome.Unauthenticated => attempt switch
            {
                Attempt.Save => "you are signed out. Sign in again (in another tab), then save.",
                Attempt.Create => "You are signed out: sign in again, then create the document.",
                _ => "You are signed out: sign in again, then try again.",
            },
            AccessOutcome.UserNotFound notFound => $"Nobody has an account with the email {notFound.Email}. Ask them to create one first.",
            AccessOutcome.LastOwner => "A document keeps at least one owner: make someone else owner first.",
            AccessOutcome.AccessNotManaged => "This server runs in open mode: everyone may edit every document.",
            _ => null,
        };

        if (attempt == Attempt.Save)
        {
            return outcome switch
            {
                AccessOutcome.RateLimited => $"Not saved: {reason} {TextKept}",
                DocumentOutcome.Locked => $"Not saved. {reason} {TextKept}",
                DocumentOutcome.Archived => $"Not saved: {reason} {TextKept} Copy it if you need it.",
                _ when reason is null => $"Not saved ({outcome.GetType().Name}). {TextKept}",
                _ => $"Not saved: {reason} {TextKept}",
            };
        }

        return reason ?? attempt switch
        {
            Attempt.Create => "The document could not be created. Try again.",
            Attempt.ChangeAccess => "Access could not be changed. Try again.",
            Attempt.Archive => $"{Capital(named)} could not be archived.",
            Attempt.Restore => $"{Capital(named)} could not be restored.",
            Attempt.Lock => $"{Capital(named)} could not be locked. Try again.",
            _ => $"{Capital(named)} could not be unlocked. Try again.",
        };
    }

    /// <summary>Whose allowance, how full, and what to do: nothing can be deleted from a history, so only a larger allowance helps.</summary>
    private static string AllowanceText(AccessOutcome.StorageAllowanceExceeded exceeded, Attempt attempt)
    {
        var usage = $"{StorageUnits.Format(exceeded.Used)} of {StorageUnits.Format(exceeded.Allowed)} used, and this {(attempt == Attempt.Create ? "document" : "version")} needs up to {StorageUnits.Format(exceeded.Needed)}";
        var whose = exceeded.Yours
            ? $"your storage allowance is full ({usage}). Ask the server's administrator for more room."
            : $"the storage allowance of this document's owner is full ({usage}). Ask the owner to ask the server's administrator for more room.";
        return attempt == Attempt.Save ? whose : $"Not {(attempt == Attempt.Create ? "created" : "done")}: {whose}";
    }

    /// <summary>"Locked by Ana 5 min ago": who locked a document, and when (the notice of a locked editor says it too).</summary>
    public static string LockedText(Document current, DateTime nowUtc) => LockedByAndWhen(current, nowUtc);

    private static string LockedByAndWhen(Document current, DateTime nowUtc) =>
        $"Locked by {current.LockedBy ?? "an owner"}{(current.LockedAt is { } at ? " " + RelativeTime.Describe(at, nowUtc) : "")}";

    private static string Capital(string text) => text.Length > 0 && char.IsLower(text[0]) ? char.ToUpperInvariant(text[0]) + text[1..] : text;
}
