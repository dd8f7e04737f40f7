namespace CollabEdit.Web.Features.Editing;

/// <summary>What an autosave tells the browser's scheduler (editor.js), which owns the timing.</summary>
public enum AutosaveAnswer
{
    /// <summary>Saved, nothing to save, or refused for a reason that waits for the person (shown on the page): no retry.</summary>
    Done,

    /// <summary>Not saved now (busy, stale after the server's own retries, failed on the way): try again with back-off.</summary>
    Retry,
}
