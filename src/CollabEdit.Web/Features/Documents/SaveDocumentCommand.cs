using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Save a new version of a document, only on top of the version its precondition names: an If-Match header
/// (<see cref="IfMatch"/>, which wins when present) or the base version the edit started from.
/// A null <paramref name="Title"/> keeps the title; a null <paramref name="IfMatch"/> is a header that could not be parsed.
/// The new text is either <paramref name="Content"/> whole, or <paramref name="Changes"/> to the text of the version the
/// precondition names (what the browser sends: it costs what changed); exactly one of the two is given.
/// <paramref name="Rebase"/> (changes on a base version only: the editor's autosave, the hub's save): when newer
/// versions were saved meanwhile, the changes are rebased onto the newest inside the save (a three-way merge; where
/// both changed the same words, theirs is kept and mine handed back, <see cref="RebasedSave"/>) instead of refused as stale.
/// </summary>
public sealed record SaveDocumentCommand(
    string IdOrSlug, string? Content, string? Title, IfMatch? IfMatch, int? BaseVersion, DocumentActor Actor, ChangeSet? Changes = null, bool Rebase = false) : IDocumentCommand
{
    /// <summary>A save that says which version it started from, as the editor sends it.</summary>
    public static SaveDocumentCommand OnBase(Guid id, string content, string? title, int baseVersion, DocumentActor actor) =>
        new(id.ToString(), content, title, IfMatch.Absent, baseVersion, actor);

    /// <summary>A save that sends only what changed since the version it started from, as the editor sends small edits.</summary>
    public static SaveDocumentCommand ChangesOnBase(Guid id, ChangeSet changes, string? title, int baseVersion, DocumentActor actor) =>
        new(id.ToString(), Content: null, title, IfMatch.Absent, baseVersion, actor, changes);

    /// <summary>An autosave: what changed since the version it started from, rebased onto the newest version if others saved meanwhile.</summary>
    public static SaveDocumentCommand RebasedOnBase(Guid id, ChangeSet changes, string? title, int baseVersion, DocumentActor actor) =>
        new(id.ToString(), Content: null, title, IfMatch.Absent, baseVersion, actor, changes, Rebase: true);
}
