using CollabEdit.Web.Features.Access;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Why the hub refused a save, in plain words for the script or person that sent it (a HubException carries only a
/// message). The editor's own words (Editing's OutcomeWords) sit above real time and cannot be used here.
/// </summary>
public static class HubSaveRefusals
{
    public static string Say(Outcome outcome) => outcome switch
    {
        AccessOutcome.Unauthenticated => "Sign in first.",
        AccessOutcome.Forbidden forbidden => $"You are a {forbidden.Role.ToString().ToLowerInvariant()} of this document and may only read it.",
        AccessOutcome.RateLimited limited => $"Too many saves in a short time: wait {limited.RetryAfterSeconds} s, then save again.",
        AccessOutcome.StorageAllowanceExceeded exceeded => exceeded.Yours
            ? $"Your storage is full ({exceeded.Used:N0} of {exceeded.Allowed:N0} bytes used): delete documents or old versions first."
            : "The owner's storage is full: ask them to make room.",
        DocumentOutcome.NotFound => "There is no such document.",
        DocumentOutcome.Archived => "This document is archived: restore it first.",
        DocumentOutcome.Locked locked => $"This document is locked by {locked.Current.LockedBy ?? "an owner"}: ask an owner to unlock it.",
        DocumentOutcome.TooLarge tooLarge => $"The document would be too large ({tooLarge.Size:N0} bytes; the limit is {tooLarge.Limit:N0}).",
        DocumentOutcome.Invalid invalid => string.Join(" ", invalid.Errors.Values.SelectMany(e => e)),
        DocumentOutcome.Stale stale => $"The document changed too often meanwhile (now v{stale.Current.CurrentVersion}): try again.",
        _ => "The save was refused.",
    };
}
