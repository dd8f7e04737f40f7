using System.Diagnostics;
using System.Text;
using CollabEdit.Merging.Tests;

namespace CollabEdit.Cli.Tests;

public sealed class MergeCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("collabedit-cli-");

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(text));
        return path;
    }

    private static (int Status, string Output, string Errors) Run(params string[] args)
    {
        using var output = new MemoryStream();
        using var errors = new StringWriter();
        var status = Commands.Run(args, output, errors);
        return (status, Encoding.Latin1.GetString(output.ToArray()), errors.ToString());
    }

    [Fact]
    public void ACleanMergeExitsZeroAndOverwritesOurs()
    {
        var ours = WriteFile("ours", "A\nb\nc\n");
        var @base = WriteFile("base", "a\nb\nc\n");
        var theirs = WriteFile("theirs", "a\nb\nC\n");

        var (status, output, _) = Run("merge", ours, @base, theirs);

        Assert.Equal(0, status);
        Assert.Empty(output);
        Assert.Equal("A\nb\nC\n", File.ReadAllText(ours));
    }

    [Fact]
    public void StdoutLeavesOursAloneAndTheStatusCountsConflictsWithGitsMarkersAndLabels()
    {
        var ours = WriteFile("ours", "x\nmine1\ny\ny2\ny3\ny4\nmine2\n");
        var @base = WriteFile("base", "x\nb1\ny\ny2\ny3\ny4\nb2\n");
        var theirs = WriteFile("theirs", "x\ntheirs1\ny\ny2\ny3\ny4\ntheirs2\n");

        var (status, output, _) = Run("merge", "-p", "-L", "me", "-L", "common", "-L", "you", ours, @base, theirs);

        Assert.Equal(2, status);
        Assert.StartsWith("x\n<<<<<<< me\nmine1\n=======\ntheirs1\n>>>>>>> you\n", output, StringComparison.Ordinal);
        Assert.Equal("x\nmine1\ny\ny2\ny3\ny4\nmine2\n", File.ReadAllText(ours));
    }

    [Fact]
    public void Diff3ShowsTheBaseWithItsLabel()
    {
        var (status, output, _) = Run("merge", "--stdout", "--diff3", "-L", "o", "-L", "b", "-L", "t",
            WriteFile("ours", "1\n"), WriteFile("base", "0\n"), WriteFile("theirs", "2\n"));

        Assert.Equal(1, status);
        Assert.Equal("<<<<<<< o\n1\n||||||| b\n0\n=======\n2\n>>>>>>> t\n", output);
    }

    [Fact]
    public void LabelsDefaultToTheFileNamesAsGiven()
    {
        var ours = WriteFile("ours", "1\n");

        var (_, output, _) = Run("merge", "-p", ours, WriteFile("base", "0\n"), WriteFile("theirs", "2\n"));

        Assert.StartsWith($"<<<<<<< {ours}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesThatAreNotUtf8SurviveExactly()
    {
        var latin1 = "caf\u00e9\n"; // é as the single byte 0xE9
        var (status, output, _) = Run("merge", "-p", WriteFile("ours", latin1 + "x\n"), WriteFile("base", latin1), WriteFile("theirs", latin1));

        Assert.Equal(0, status);
        Assert.Equal(latin1 + "x\n", output);
    }

    [Fact]
    public void AnUnreadableFileExits255WithAClearMessage()
    {
        var (status, _, errors) = Run("merge", "-p", WriteFile("ours", "a\n"), Path.Combine(_folder.FullName, "missing"), WriteFile("theirs", "a\n"));

        Assert.Equal(MergeCommand.ErrorStatus, status);
        Assert.Contains("could not read", errors, StringComparison.Ordinal);
        Assert.Contains("missing", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryFilesAreRefused()
    {
        var (status, _, errors) = Run("merge", "-p", WriteFile("ours", "a\0b"), WriteFile("base", "a\n"), WriteFile("theirs", "a\n"));

        Assert.Equal(MergeCommand.ErrorStatus, status);
        Assert.Contains("binary", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("merge")]
    [InlineData("merge", "only-one")]
    [InlineData("merge", "--no-such-option", "a", "b", "c")]
    [InlineData("merge", "-L", "1", "-L", "2", "-L", "3", "-L", "4", "a", "b", "c")]
    [InlineData("frobnicate")]
    public void BadArgumentsExit129WithUsage(params string[] args)
    {
        var (status, _, errors) = Run(args);

        Assert.Equal(MergeCommand.UsageStatus, status);
        Assert.False(string.IsNullOrWhiteSpace(errors));
    }

    [Fact]
    public void ConflictCountsAboveTheLimitExit127()
    {
        var @base = string.Concat(Enumerable.Range(0, 200).Select(i => $"line {i}\nkeep {i}a\nkeep {i}b\nkeep {i}c\nkeep {i}d\n"));
        string Edit(string side) => @base.Replace("line ", $"{side} ", StringComparison.Ordinal);

        var (status, _, _) = Run("merge", "-p", WriteFile("ours", Edit("mine")), WriteFile("base", @base), WriteFile("theirs", Edit("theirs")));

        Assert.Equal(127, status);
    }

    [Fact]
    public void TheRealProgramMatchesGitOnEveryMergeCase()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "collabedit.dll");
        foreach (var name in MergeCases.Names())
        {
            var folder = Path.Combine(MergeCases.Root, "click", name);
            var start = new ProcessStartInfo("dotnet", [program, "merge", "-p", "-L", "ours", "-L", "base", "-L", "theirs", "ours", "base", "theirs"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                StandardOutputEncoding = Encoding.Latin1,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(MergeCases.ExpectedStatus(name), process.ExitCode);
            Assert.Equal(MergeCases.Read(name, "expected"), output);
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
