using CollabEdit.Cli.Corpus;

namespace CollabEdit.Cli;

/// <summary>
/// <c>collabedit corpus [--joined] [--list] &lt;directory&gt;...</c>: merges every case of a corpus of real merges
/// (the layout of <c>merge-cases/</c>) by git's rules and by the prose mode and reports files left conflicted,
/// git-clean results changed, and how many newly merged files equal the humans' text. <c>--joined</c> also merges
/// the corpus with each paragraph joined onto one line. Exit status 1 when a git-clean result changed.
/// </summary>
internal static class CorpusCommand
{
    public const string Usage = "usage: collabedit corpus [--joined] [--list] <directory>...";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter standardError)
    {
        var joined = args.Contains("--joined");
        var list = args.Contains("--list");
        var directories = args.Where(a => a is not ("--joined" or "--list")).ToList();
        if (directories.Count == 0 || directories.Any(d => d.StartsWith('-')))
        {
            standardError.WriteLine(directories.Count == 0 ? "error: a corpus directory is needed" : $"error: unknown option: {directories.First(d => d.StartsWith('-'))}");
            standardError.WriteLine(Usage);
            return MergeCommand.UsageStatus;
        }

        if (directories.FirstOrDefault(d => !Directory.Exists(d)) is { } missing)
        {
            standardError.WriteLine($"error: no such directory: {missing}");
            return MergeCommand.ErrorStatus;
        }

        var merges = MergeCase.Load(directories).ToList();
        var reports = new List<CorpusReport> { CorpusReport.Of(string.Join(", ", directories), merges) };
        if (joined)
        {
            reports.Add(CorpusReport.Of("paragraphs joined onto one line", merges.Select(m => m.Joined())));
        }

        foreach (var report in reports)
        {
            output.Write(report.Format(list));
        }

        return reports.Any(r => r.CleanResultsChanged > 0) ? 1 : 0;
    }
}
