using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// What the browser's editor changed since the version it is based on, as it sends a small edit instead of its whole
/// text: <paramref name="Changes"/> turn the text of <paramref name="BaseVersion"/> into the editor's text.
/// </summary>
public sealed record EditorChanges(int BaseVersion, ChangeSet Changes);
