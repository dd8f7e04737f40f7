using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// What a save asks for: new content, optionally a new title, and the version it must apply to.
/// <c>ExpectedVersion</c>: apply only if this is still the current version (null overwrites whatever is current).
/// <c>BaseVersion</c>: the version the author started from, recorded in the revision (defaults to the version replaced).
/// <c>Changes</c>: what turns the text of <c>ExpectedVersion</c> into <c>Content</c>, when known; a writer stores
/// them as the new version's delta instead of diffing the texts again (null: not known, the writer decides).
/// </summary>
public sealed record DocumentEdit(string Content, string? Title, int? ExpectedVersion, int? BaseVersion, string Author, ChangeSet? Changes = null);
