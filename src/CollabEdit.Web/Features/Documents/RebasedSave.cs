using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// A save that met newer versions than its base and was rebased onto the newest inside the save (an autosave asks
/// for it: <see cref="SaveDocumentCommand.Rebase"/>), instead of being refused as stale.
/// </summary>
/// <param name="BaseVersion">The version the save's changes were made on.</param>
/// <param name="ToSaved">
/// Turns the text the save stood for (its base plus its changes) into the text of the version saved: the others'
/// changes, as the editor applies them to its text.
/// </param>
/// <param name="Conflicts">Where the save and a newer version changed the same words: theirs is kept in the saved text, mine is handed back.</param>
/// <param name="Authors">Who saved the versions it was rebased over, newest last.</param>
/// <param name="TheirTitle">The title kept over the save's own, when both changed it differently; null otherwise.</param>
public sealed record RebasedSave(int BaseVersion, ChangeSet ToSaved, IReadOnlyList<RebaseConflict> Conflicts, IReadOnlyList<string> Authors, string? TheirTitle = null);
