using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// The text editor in the browser, as <see cref="DocumentEditor"/> sees it. The text lives there, not on the
/// server: the server takes it when it needs it (to save or merge) and hands text over only through these calls,
/// which never replace what the user typed unless asked to.
/// </summary>
public interface IEditorSurface
{
    /// <summary>Shows a version as the clean base (on load).</summary>
    Task LoadAsync(string text, int version, string title);

    /// <summary>Whose drafts to keep and offer back (<see cref="DraftOwners"/>); until this is called, none are.</summary>
    Task UseDraftsOfAsync(string owner);

    /// <summary>A draft of this person's, kept from an earlier visit, that differs from what was loaded, if any.</summary>
    Task<StoredDraft?> StoredDraftAsync();

    /// <summary>
    /// Puts the kept draft into the editor as unsaved changes based on <paramref name="baseVersion"/> (titled
    /// <paramref name="baseTitle"/>), which the browser keeps with it from then on.
    /// </summary>
    Task ApplyStoredDraftAsync(int baseVersion, string baseTitle);

    Task<string> ReadStoredDraftAsync();

    /// <summary>
    /// Marks this moment; read its text with <see cref="ReadSnapshotAsync"/> (only once its size is allowed). With
    /// <paramref name="preferChanges"/>, a browser that knows what changed since its base version, and finds it small,
    /// sends that instead (<see cref="EditorSnapshot.Changes"/>); the text can still be read.
    /// </summary>
    Task<EditorSnapshot> SnapshotAsync(bool preferChanges = false);

    Task<string> ReadSnapshotAsync(EditorSnapshot snapshot);

    /// <summary>The snapshot was saved as <paramref name="version"/>. Returns whether unsaved changes remain (typed since).</summary>
    Task<bool> MarkSavedAsync(EditorSnapshot snapshot, int version, string title);

    /// <summary>Shows a newer version in place, only if there is no local change. Returns whether it did.</summary>
    Task<bool> FollowAsync(string text, int version, string title);

    /// <summary>
    /// Shows a newer version in place by applying <paramref name="changes"/> to the text of <paramref name="fromVersion"/>
    /// it shows, as one change that keeps the caret, selection and scroll where they were; only if there is no local
    /// change. Returns whether it did (false: unsaved changes), or null when the editor does not hold that text as it is
    /// (the whole text must go, <see cref="FollowAsync"/>).
    /// </summary>
    Task<bool?> FollowChangesAsync(ChangeSet changes, int fromVersion, int version, string title);

    /// <summary>
    /// Replaces the text and title. <paramref name="unsaved"/>: whether the result still needs saving. With
    /// <paramref name="onlyIfUnchangedSince"/>, only if nothing was typed since that snapshot; returns whether it replaced.
    /// </summary>
    /// <remarks><paramref name="conflicts"/> (positions in <paramref name="text"/>) are shown in place, as after a rebase.</remarks>
    Task<bool> ReplaceAsync(
        string text, int version, string baseTitle, string title, bool unsaved, EditorSnapshot? onlyIfUnchangedSince = null,
        IReadOnlyList<RebaseConflict>? conflicts = null, string? author = null);

    /// <summary>Locks or unlocks typing (while the merge dialog is open). Returns the current generation.</summary>
    Task<long> SetReadOnlyAsync(bool locked);

    /// <summary>Forgets the draft kept in the browser.</summary>
    Task ForgetDraftAsync();

    /// <summary>Whether autosave is on for this document in this browser (remembered there; on unless switched off).</summary>
    bool AutosaveOn { get; }

    /// <summary>Switches autosave on or off for this document, remembered in the browser; switched on with unsaved text, it saves at once.</summary>
    Task SetAutosaveAsync(bool enabled);

    /// <summary>Asks the browser to autosave now (after the save in flight, if one is): a newer version met unsaved work, or a draft came back.</summary>
    Task SaveSoonAsync();

    /// <summary>
    /// The snapshot was saved as <paramref name="version"/> rebased onto newer versions: <paramref name="toSaved"/> turns
    /// the snapshot's text into the saved text. The browser applies it as others' changes, over what was typed since the
    /// snapshot (which stays unsaved, now based on <paramref name="version"/>), and shows <paramref name="conflicts"/>
    /// (positions in the saved text) in place, with <paramref name="author"/> as who wrote theirs. Returns whether unsaved
    /// changes remain, or null when the browser could not apply it (the save was not its latest).
    /// </summary>
    Task<bool?> ApplyRebaseAsync(EditorSnapshot snapshot, ChangeSet toSaved, int version, string title, IReadOnlyList<RebaseConflict> conflicts, string author);
}
