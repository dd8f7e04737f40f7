namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// The server's own three-way merge of a stale save onto the current version, proposed with the 409 (never
/// applied: the server merges only when a save is refused, and saves nothing of it). With no conflicts the caller
/// can save <paramref name="Content"/> on top of the current version as it is; otherwise the content has git's
/// conflict markers, one region per conflict.
/// </summary>
/// <param name="Content">The merged text; null when it is over the inline limit (read the revisions and merge locally).</param>
/// <param name="Conflicts">How many regions the merge could not combine (0: clean).</param>
public sealed record ProposedMerge(string? Content, int Conflicts);
