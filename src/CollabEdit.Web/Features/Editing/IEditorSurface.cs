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
    Task<bool> ReplaceAsync(string text, int version, string baseTitle, string title, bool unsaved, EditorSnapshot? onlyIfUnchangedSince = null);

    /// <summary>Locks or unlocks typing (while the merge dialog is open). Returns the current generation.</summary>
    Task<long> SetReadOnlyAsync(bool locked);

    /// <summary>Forgets the draft kept in the browser.</summary>
    Task ForgetDraftAsync();
}
