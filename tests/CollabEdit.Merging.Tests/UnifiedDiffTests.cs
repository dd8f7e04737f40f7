using System.Diagnostics;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace CollabEdit.Merging.Tests;

/// <summary>Unified diffs read, applied exactly and written, checked against the real diff, git and patch on this machine.</summary>
public sealed class UnifiedDiffTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    // Texts of a few lines over a small alphabet (so lines repeat and hunks meet), with CRLF lines, lines that are
    // only a line end, surrogate pairs, and texts that end without a line end or are empty.
    private static readonly Gen<string> Texts =
        from lines in Gen.ListOf(Gen.Elements("a", "b", "c", "{", "}", "", "é", "😀 x", "d\r", "a b"))
        from endings in Gen.ListOf(Gen.Elements("\n", "\n", "\n", "\r\n"))
        from lastEnds in Gen.Elements(true, true, false)
        select Join(lines.Take(16).ToArray(), endings.ToArray(), lastEnds);

    private static readonly Gen<(string Old, string New)> Pairs =
        from old in Texts
        from edited in Gen.OneOf(Texts, Edited(old))
        select (old, edited);

    [Fact]
    public void ParsingAndApplyingItsOwnDiffGivesTheNewText() =>
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var result = UnifiedDiff.Parse(UnifiedDiff.Create(pair.Old, pair.New)).Apply(pair.Old);
            return result.Applied && result.Text == pair.New && result.Changes.Apply(pair.Old) == pair.New;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000));

    [Fact]
    public void TheRealPatchAppliesTheDiffWeCreateExactly()
    {
        using var folder = new Folder();
        Prop.ForAll(Pairs.ToArbitrary(), pair => folder.Patch(pair.Old, UnifiedDiff.Create(pair.Old, pair.New)) == pair.New)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(250));
    }

    [Fact]
    public void GitApplyAppliesTheDiffWeCreateExactly()
    {
        using var folder = new Folder();
        Prop.ForAll(Pairs.ToArbitrary(), pair => folder.GitApply(pair.Old, UnifiedDiff.Create(pair.Old, pair.New, "a/doc", "b/doc")) == pair.New)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void TheDiffsOfTheRealDiffApplyExactly()
    {
        using var folder = new Folder();
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var result = UnifiedDiff.Parse(folder.DiffU(pair.Old, pair.New)).Apply(pair.Old);
            return result.Applied && result.Text == pair.New;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(250));
    }

    [Fact]
    public void TheDiffsOfGitDiffApplyExactly()
    {
        using var folder = new Folder();
        Prop.ForAll(Pairs.ToArbitrary(), pair =>
        {
            var result = UnifiedDiff.Parse(folder.GitDiff(pair.Old, pair.New)).Apply(pair.Old);
            return result.Applied && result.Text == pair.New;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Theory]
    [InlineData("", "one\ntwo\n")]
    [InlineData("one\ntwo\n", "")]
    [InlineData("one\r\ntwo\r\nthree\r\n", "one\r\n2\r\nthree\r\n")]
    [InlineData("last line without end", "last line without end, changed")]
    [InlineData("ends\n", "ends")]
    [InlineData("ends", "ends\n")]
    [InlineData("grüße 😀\n", "grüße 😀😀\n")]
    public void TheClassicCasesRoundTripThroughDiffPatchAndUs(string old, string @new)
    {
        using var folder = new Folder();
        var real = folder.DiffU(old, @new);
        var ours = UnifiedDiff.Create(old, @new);

        Assert.Equal(@new, UnifiedDiff.Parse(real).Apply(old).Text);
        Assert.Equal(@new, folder.Patch(old, ours));
        Assert.Equal(@new, folder.Patch(old, real));
        Assert.Equal(Hunks(real), Hunks(ours)); // the same hunks as GNU diff, headers aside
    }

    [Fact]
    public void EqualTextsHaveAnEmptyDiffThatChangesNothing()
    {
        Assert.Equal("", UnifiedDiff.Create("same\n", "same\n"));
        var result = UnifiedDiff.Parse("").Apply("same\n");
        Assert.Equal("same\n", result.Text);
        Assert.True(result.Changes!.IsEmpty);
    }

    [Fact]
    public void AGitDiffWithItsHeadersAndSectionsIsRead()
    {
        const string diff = """
            diff --git a/notes.md b/notes.md
            index 3b18e51..a4c2f1d 100644
            --- a/notes.md
            +++ b/notes.md
            @@ -1 +1,2 @@ # Notes
             one
            +two
            @@ -3,0 +5 @@
            +five

            """;

        var patch = UnifiedDiff.Parse(diff);

        Assert.Collection(patch.Hunks,
            h => Assert.Equal((1, 1, 1, 2), (h.OldStart, h.OldCount, h.NewStart, h.NewCount)),
            h => Assert.Equal((3, 0, 5, 1), (h.OldStart, h.OldCount, h.NewStart, h.NewCount)));
        Assert.Equal("one\ntwo\nx\ny\nfive\n", patch.Apply("one\nx\ny\n").Text);
    }

    [Fact]
    public void TheChangesAreOnlyWhatTheHunksChange()
    {
        var old = string.Concat(Enumerable.Range(0, 1000).Select(i => $"line {i}\n"));
        var @new = old.Replace("line 500\n", "line five hundred\n", StringComparison.Ordinal);

        var result = UnifiedDiff.Parse(UnifiedDiff.Create(old, @new)).Apply(old);

        var change = Assert.Single(result.Changes!.Changes);
        Assert.Equal("line five hundred\n", change.Insert);
        Assert.Equal("line 500\n".Length, change.Removed);
    }

    [Fact]
    public void AHunkThatDoesNotMatchNamesItsHunkAndLineWithoutFuzz()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n");

        var result = UnifiedDiff.Parse(diff).Apply("a\nb\nc\nd\ne\nf\ng\nh\nI\nj\n");

        Assert.False(result.Applied);
        Assert.Equal(new PatchFailure(2, 9, "i\n", "I\n"), result.Failure);
    }

    [Fact]
    public void AHunkIsNotSearchedForElsewhereWhenTheTextMoved()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\n", "a\nB\nc\n");

        // patch(1) would find the hunk one line down ("offset 1 line"); an exact patch refuses.
        var result = UnifiedDiff.Parse(diff).Apply("new\na\nb\nc\n");

        Assert.Equal(new PatchFailure(1, 1, "a\n", "new\n"), result.Failure);
    }

    [Fact]
    public void LineEndsMustMatchByteForByte()
    {
        var result = UnifiedDiff.Parse(UnifiedDiff.Create("a\r\n", "b\r\n")).Apply("a\n");

        Assert.Equal(new PatchFailure(1, 1, "a\r\n", "a\n"), result.Failure);
    }

    [Fact]
    public void AHunkPastTheEndOfTheTextSaysTheTextEnded()
    {
        var result = UnifiedDiff.Parse("@@ -2,2 +2,2 @@\n x\n-y\n+z\n").Apply("w\nx\n");

        Assert.Equal(new PatchFailure(1, 3, "y\n", null), result.Failure);
    }

    [Fact]
    public void ACreationAppliesOnlyToAnEmptyText()
    {
        var patch = UnifiedDiff.Parse("--- /dev/null\n+++ b/new.md\n@@ -0,0 +1 @@\n+hello\n");

        Assert.Equal("hello\n", patch.Apply("").Text);
        Assert.Equal(new PatchFailure(1, 1, "", "already here\n"), patch.Apply("already here\n").Failure);
    }

    [Theory]
    [InlineData("hello\n", 1, "is not part of a unified diff")]
    [InlineData("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n", 4, "the diff ends inside hunk 1")]
    [InlineData("--- a\n+++ b\n@@ -1 +1 @@\n a\n b\n", 5, "is not part of a unified diff")]
    [InlineData("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n*b\n", 5, "starts with none of")]
    [InlineData("--- a\n+++ b\n@@ -x +1 @@\n", 3, "is not a hunk header")]
    [InlineData("--- a\n@@ -1 +1 @@\n", 2, "must be followed by a \"+++\"")]
    [InlineData("@@ -3 +3 @@\n-a\n+b\n@@ -1 +1 @@\n-a\n+b\n", 4, "before the end of the hunk above")]
    [InlineData("@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file\n@@ -9 +9 @@\n-a\n+b\n", 5, "follows one that ends the file")]
    [InlineData("--- a\n+++ b\n@@ -1 +1 @@\n-a\n+b\n--- c\n+++ d\n", 6, "more than one file")]
    [InlineData("diff --git a/x b/x\nBinary files a/x and b/x differ\n", 2, "binary")]
    [InlineData("@@ -1 +1 @@\n\\ No newline at end of file\n", 2, "must follow a line")]
    [InlineData("@@ -99999999999 +1 @@\n", 1, "too large")]
    public void AMalformedDiffIsRefusedSayingWhichLine(string diff, int line, string words)
    {
        var error = Assert.Throws<UnifiedDiffFormatException>(() => UnifiedDiff.Parse(diff));

        Assert.Equal(line, error.Line);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    private static string Hunks(string diff) => string.Concat(diff.Split('\n').SkipWhile(l => !l.StartsWith("@@", StringComparison.Ordinal)).Select(l => l + "\n"));

    private static string Join(string[] lines, string[] endings, bool lastEnds)
    {
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(lines[i]);
            if (i < lines.Length - 1 || lastEnds)
            {
                text.Append(endings.Length == 0 ? "\n" : endings[i % endings.Length]);
            }
        }

        return text.ToString();
    }

    // A few lines replaced, inserted or removed, so that most pairs share most of their lines.
    private static Gen<string> Edited(string old) =>
        from at in Gen.Choose(0, Math.Max(0, old.Length))
        from removed in Gen.Choose(0, 12)
        from inserted in Gen.Elements("", "x\n", "y\r\n", "😀\n", "z")
        select old[..at] + inserted + old[Math.Min(old.Length, at + removed)..] is var s && !HasLoneSurrogate(s) ? s : old;

    // A cut inside "😀" leaves half of it, which the texts never have (U+FFFD is how a lone half enumerates).
    private static bool HasLoneSurrogate(string s) => s.EnumerateRunes().Any(r => r == Rune.ReplacementChar);

    /// <summary>A temporary folder where the real diff, git and patch run on files written as UTF-8 bytes.</summary>
    private sealed class Folder : IDisposable
    {
        private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("collabedit-diff-");

        public string Patch(string old, string diff)
        {
            Write("old", old);
            Write("patch.diff", diff);
            File.Delete(PathOf("out"));
            // --binary keeps CRs as they are; --fuzz=0 makes patch(1) as exact as we claim the diff is.
            Run("patch", ["--binary", "--quiet", "--fuzz=0", "--no-backup-if-mismatch", "-o", "out", "-i", "patch.diff", "old"], expectedExit: 0);
            return Read("out");
        }

        public string GitApply(string old, string diff)
        {
            Write("doc", old);
            Write("patch.diff", diff);
            if (diff.Length > 0)
            {
                Run("git", ["apply", "--unidiff-zero", "patch.diff"], expectedExit: 0);
            }

            return Read("doc");
        }

        public string DiffU(string old, string @new)
        {
            Write("old", old);
            Write("new", @new);
            return Run("diff", ["-u", "old", "new"], expectedExit: old == @new ? 0 : 1);
        }

        public string GitDiff(string old, string @new)
        {
            Write("old", old);
            Write("new", @new);
            return Run("git", ["-c", "core.autocrlf=false", "diff", "--no-index", "--no-color", "old", "new"], expectedExit: old == @new ? 0 : 1);
        }

        public void Dispose() => directory.Delete(recursive: true);

        private string PathOf(string name) => Path.Combine(directory.FullName, name);

        private void Write(string name, string text) => File.WriteAllBytes(PathOf(name), Utf8.GetBytes(text));

        private string Read(string name) => Utf8.GetString(File.ReadAllBytes(PathOf(name)));

        private string Run(string program, string[] arguments, int expectedExit)
        {
            var start = new ProcessStartInfo(program, arguments)
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Utf8,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == expectedExit, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error}");
            return output.Result;
        }
    }
}
