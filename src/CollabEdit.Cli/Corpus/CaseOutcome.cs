using CollabEdit.Merging;

namespace CollabEdit.Cli.Corpus;

/// <summary>How one merge came out under git's rules and under the prose mode.</summary>
/// <param name="Name">The case.</param>
/// <param name="GitConflicts">Conflicts git leaves.</param>
/// <param name="ProseConflicts">Conflicts the prose mode leaves.</param>
/// <param name="Combined">Git's conflicts the prose mode combined.</param>
/// <param name="CleanChanged">Git merged it cleanly and the prose mode's text differs (must never happen).</param>
/// <param name="EqualsHumans">For a file git left conflicted and the prose mode merged: whether it equals the humans' text, whitespace aside.</param>
/// <param name="Rebase">How live editing's rebase (ours's changes rebased onto theirs, <see cref="Merging.Rebase"/>) came out.</param>
internal sealed record CaseOutcome(string Name, int GitConflicts, int ProseConflicts, int Combined, bool CleanChanged, bool? EqualsHumans, RebaseOutcome Rebase)
{
    public static CaseOutcome Of(MergeCase merge, CancellationToken cancellationToken = default)
    {
        var git = ThreeWayMerge.Merge(merge.Base, merge.Ours, merge.Theirs, cancellationToken: cancellationToken);
        var prose = ThreeWayMerge.Merge(merge.Base, merge.Ours, merge.Theirs, MergeOptions.ForProse, cancellationToken);
        bool? equalsHumans = !git.IsClean && prose.IsClean && merge.Resolved is not null
            ? WithoutWhitespace(prose.MergedText!) == WithoutWhitespace(merge.Resolved)
            : null;
        return new CaseOutcome(
            merge.Name, git.Counts.Conflicts, prose.Counts.Conflicts, prose.Counts.Combined, git.IsClean && prose.MergedText != git.MergedText, equalsHumans,
            RebaseOutcome.Of(merge, git, cancellationToken));
    }

    /// <summary>The words of a text, one space apart: "equal ignoring whitespace" compares these.</summary>
    public static string WithoutWhitespace(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\n', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries));
}
