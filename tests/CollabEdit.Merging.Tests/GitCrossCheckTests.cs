using System.Diagnostics;
using System.Text;

namespace CollabEdit.Merging.Tests;

/// <summary>Thousands of random merges compared with the real git merge-file on this machine.</summary>
public sealed class GitCrossCheckTests
{
    [Fact]
    public void RandomMergesAgreeWithGitMergeFile()
    {
        var folder = Directory.CreateTempSubdirectory("collabedit-git-");
        var disagreements = new List<string>();
        var conflicted = 0;
        try
        {
            foreach (var (triple, index) in RandomEdits.Seeded(seed: 20261122, count: 2000).Select((t, i) => (t, i)))
            {
                var (gitText, gitConflicts) = GitMergeFile(folder.FullName, triple);
                var (text, conflicts) = ThreeWayMerge.MergeWithMarkers(triple.BaseText, triple.MineText, triple.TheirsText, new ConflictLabels("ours", "base", "theirs"), diff3: false);
                conflicted += gitConflicts > 0 ? 1 : 0;
                if ((conflicts == 0) != (gitConflicts == 0) || text != gitText)
                {
                    disagreements.Add($"#{index}: git {gitConflicts} conflicts, ours {conflicts}; {triple}");
                }
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        Assert.True(disagreements.Count == 0, string.Join(Environment.NewLine, disagreements.Take(10)));
        Assert.InRange(conflicted, 200, 1800); // the generator really exercises both outcomes
    }

    private static (string Text, int Conflicts) GitMergeFile(string folder, EditedTriple triple)
    {
        File.WriteAllText(Path.Combine(folder, "ours"), triple.MineText, Encoding.Latin1);
        File.WriteAllText(Path.Combine(folder, "base"), triple.BaseText, Encoding.Latin1);
        File.WriteAllText(Path.Combine(folder, "theirs"), triple.TheirsText, Encoding.Latin1);
        var start = new ProcessStartInfo("git", ["merge-file", "-p", "-L", "ours", "-L", "base", "-L", "theirs", "ours", "base", "theirs"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            StandardOutputEncoding = Encoding.Latin1,
            UseShellExecute = false,
        };
        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        return (output, git.ExitCode);
    }
}
