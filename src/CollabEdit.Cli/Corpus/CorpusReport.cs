using System.Globalization;
using System.Text;
using CollabEdit.Merging;

namespace CollabEdit.Cli.Corpus;

/// <summary>How one merge came out under git's rules and under the prose mode.</summary>
/// <param name="Name">The case.</param>
/// <param name="GitConflicts">Conflicts git leaves.</param>
/// <param name="ProseConflicts">Conflicts the prose mode leaves.</param>
/// <param name="Combined">Git's conflicts the prose mode combined.</param>
/// <param name="CleanChanged">Git merged it cleanly and the prose mode's text differs (must never happen).</param>
/// <param name="EqualsHumans">For a file git left conflicted and the prose mode merged: whether it equals the humans' text, whitespace aside.</param>
internal sealed record CaseOutcome(string Name, int GitConflicts, int ProseConflicts, int Combined, bool CleanChanged, bool? EqualsHumans)
{
    public static CaseOutcome Of(MergeCase merge, CancellationToken cancellationToken = default)
    {
        var git = ThreeWayMerge.Merge(merge.Base, merge.Ours, merge.Theirs, cancellationToken: cancellationToken);
        var prose = ThreeWayMerge.Merge(merge.Base, merge.Ours, merge.Theirs, MergeOptions.ForProse, cancellationToken);
        bool? equalsHumans = !git.IsClean && prose.IsClean && merge.Resolved is not null
            ? WithoutWhitespace(prose.MergedText!) == WithoutWhitespace(merge.Resolved)
            : null;
        return new CaseOutcome(
            merge.Name, git.Counts.Conflicts, prose.Counts.Conflicts, prose.Counts.Combined, git.IsClean && prose.MergedText != git.MergedText, equalsHumans);
    }

    /// <summary>The words of a text, one space apart: "equal ignoring whitespace" compares these.</summary>
    public static string WithoutWhitespace(string text) =>
        string.Join(' ', text.Split([' ', '\t', '\n', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A corpus of real merges, merged by git's rules and by the prose mode: what the goals are measured on.</summary>
internal sealed record CorpusReport(string Title, IReadOnlyList<CaseOutcome> Cases)
{
    public int Files => Cases.Count;

    public int GitConflictedFiles => Cases.Count(c => c.GitConflicts > 0);

    public int ProseConflictedFiles => Cases.Count(c => c.ProseConflicts > 0);

    public int GitConflicts => Cases.Sum(c => c.GitConflicts);

    public int ProseConflicts => Cases.Sum(c => c.ProseConflicts);

    public int CleanResultsChanged => Cases.Count(c => c.CleanChanged);

    public int NewlyMerged => Cases.Count(c => c.GitConflicts > 0 && c.ProseConflicts == 0);

    public int NewlyMergedWithResolution => Cases.Count(c => c.EqualsHumans is not null);

    public int NewlyMergedAsHumans => Cases.Count(c => c.EqualsHumans == true);

    public static CorpusReport Of(string title, IEnumerable<MergeCase> merges, CancellationToken cancellationToken = default) =>
        new(title, [.. merges.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(m => CaseOutcome.Of(m, cancellationToken))]);

    public string Format(bool list)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"{Title}: {Files} merges");
        text.AppendLine(culture, $"  files left conflicted      git {GitConflictedFiles,4}   prose {ProseConflictedFiles,4}   ({Percent(GitConflictedFiles - ProseConflictedFiles, GitConflictedFiles)} fewer)");
        text.AppendLine(culture, $"  conflicts                  git {GitConflicts,4}   prose {ProseConflicts,4}");
        text.AppendLine(culture, $"  git-clean results changed  {CleanResultsChanged} (must be 0)");
        text.AppendLine(culture, $"  newly merged files         {NewlyMerged}, equal to the humans' text (whitespace aside): {NewlyMergedAsHumans} of {NewlyMergedWithResolution} ({Percent(NewlyMergedAsHumans, NewlyMergedWithResolution)})");
        if (list)
        {
            foreach (var outcome in Cases.Where(c => c.GitConflicts > 0 || c.CleanChanged))
            {
                var verdict = outcome.CleanChanged ? "CLEAN RESULT CHANGED"
                    : outcome.ProseConflicts > 0 ? $"{outcome.ProseConflicts} left"
                    : outcome.EqualsHumans switch { true => "merged, as the humans", false => "merged, differs from the humans", null => "merged" };
                text.AppendLine(culture, $"    {outcome.Name}: git {outcome.GitConflicts}, combined {outcome.Combined}: {verdict}");
            }
        }

        return text.ToString();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : (part / (double)whole).ToString("P0", CultureInfo.InvariantCulture);
}
