using System.Globalization;
using System.Text;

namespace CollabEdit.Cli.Corpus;

/// <summary>A corpus of real merges, merged by git's rules and by the prose mode: what the issue's goals are measured on.</summary>
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

    public int RebaseConflictedFiles => Cases.Count(c => c.Rebase.Conflicts > 0);

    public int RebaseCleanResultsChanged => Cases.Count(c => c.Rebase.CleanChanged);

    public int RebaseNewlyMergedWithResolution => Cases.Count(c => c.Rebase.EqualsHumans is not null);

    public int RebaseNewlyMergedAsHumans => Cases.Count(c => c.Rebase.EqualsHumans == true);

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
        text.AppendLine(culture, $"  live rebase                files left conflicted {RebaseConflictedFiles}, git-clean results merged otherwise {RebaseCleanResultsChanged}, newly merged equal to the humans' text: {RebaseNewlyMergedAsHumans} of {RebaseNewlyMergedWithResolution}");
        if (list)
        {
            foreach (var outcome in Cases.Where(c => c.GitConflicts > 0 || c.CleanChanged || c.Rebase.CleanChanged))
            {
                var verdict = outcome.CleanChanged ? "CLEAN RESULT CHANGED"
                    : outcome.ProseConflicts > 0 ? $"{outcome.ProseConflicts} left"
                    : outcome.EqualsHumans switch { true => "merged, as the humans", false => "merged, differs from the humans", null => "merged" };
                text.AppendLine(culture, $"    {outcome.Name}: git {outcome.GitConflicts}, combined {outcome.Combined}: {verdict}; rebase: {outcome.Rebase.Conflicts} left{(outcome.Rebase.CleanChanged ? ", CLEAN RESULT MERGED OTHERWISE" : "")}");
            }
        }

        return text.ToString();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : (part / (double)whole).ToString("P0", CultureInfo.InvariantCulture);
}
