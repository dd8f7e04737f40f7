using CollabEdit.Merging;

namespace CollabEdit.Cli.Corpus;

/// <summary>
/// One real merge replayed as live editing meets it: ours's changes rebased onto theirs (<see cref="Merging.Rebase"/>,
/// what the server does with an autosave that finds a newer version), against git's answer and the humans' text.
/// </summary>
/// <param name="Conflicts">Regions the rebase hands back to a person.</param>
/// <param name="CleanChanged">Git merged it cleanly and the rebase merged it cleanly too, into another text.</param>
/// <param name="EqualsHumans">For a file git left conflicted and the rebase merged: whether it equals the humans' text, whitespace aside.</param>
internal sealed record RebaseOutcome(int Conflicts, bool CleanChanged, bool? EqualsHumans)
{
    public static RebaseOutcome Of(MergeCase merge, MergeResult git, CancellationToken cancellationToken)
    {
        var result = Merging.Rebase.Of(
            merge.Base, ChangeSet.Between(merge.Base, merge.Ours, cancellationToken), ChangeSet.Between(merge.Base, merge.Theirs, cancellationToken), cancellationToken);
        var text = result.OnTheirs.Apply(merge.Theirs);
        bool? equalsHumans = !git.IsClean && result.IsClean && merge.Resolved is not null
            ? CaseOutcome.WithoutWhitespace(text) == CaseOutcome.WithoutWhitespace(merge.Resolved)
            : null;
        return new RebaseOutcome(result.Conflicts.Length, git.IsClean && result.IsClean && text != git.MergedText, equalsHumans);
    }
}
