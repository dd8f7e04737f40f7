namespace CollabEdit.Merging;

/// <summary>
/// A place where a rebased edit and the version it was rebased onto changed the same words: the rebase does not
/// guess, it keeps theirs in the text and hands mine back to be decided by a person (mine, theirs, both, or an edit).
/// </summary>
/// <param name="From">Start of the region in the rebased text (UTF-16 code units), which holds <paramref name="Theirs"/>.</param>
/// <param name="To">End of the region in the rebased text (exclusive).</param>
/// <param name="Base">The region as both sides found it.</param>
/// <param name="Mine">The region as the rebased edit made it (not in the rebased text).</param>
/// <param name="Theirs">The region as the version rebased onto has it (what the rebased text holds there).</param>
public sealed record RebaseConflict(int From, int To, string Base, string Mine, string Theirs);
