using System.Diagnostics;
using System.Text;

namespace CollabEdit.Web.Tests.Infrastructure;

/// <summary>The real diff, git and patch on this machine, on texts written and read as UTF-8 bytes (no BOM).</summary>
public static class DiffTools
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>What <c>diff -u</c> prints between two texts.</summary>
    public static string DiffU(string old, string @new) =>
        InFolder(folder =>
        {
            Write(folder, "old", old);
            Write(folder, "new", @new);
            return Run(folder, "diff", ["-u", "old", "new"], old == @new ? 0 : 1);
        });

    /// <summary>What <c>git diff --no-index</c> prints between two texts (a/ and b/ names, index line, sections).</summary>
    public static string GitDiff(string old, string @new) =>
        InFolder(folder =>
        {
            Write(folder, "notes.md", old);
            Write(folder, "notes.new.md", @new);
            return Run(folder, "git", ["-c", "core.autocrlf=false", "diff", "--no-index", "--no-color", "notes.md", "notes.new.md"], old == @new ? 0 : 1);
        });

    /// <summary>The text <c>patch(1)</c> makes of <paramref name="old"/> with <paramref name="diff"/>, exactly (no fuzz, CRs kept).</summary>
    public static string Patch(string old, string diff) =>
        InFolder(folder =>
        {
            Write(folder, "old", old);
            Write(folder, "patch.diff", diff);
            Run(folder, "patch", ["--binary", "--quiet", "--fuzz=0", "--no-backup-if-mismatch", "-o", "out", "-i", "patch.diff", "old"], 0);
            return Utf8.GetString(File.ReadAllBytes(Path.Combine(folder, "out")));
        });

    private static string InFolder(Func<string, string> work)
    {
        var folder = Directory.CreateTempSubdirectory("collabedit-diff-");
        try
        {
            return work(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Write(string folder, string name, string text) => File.WriteAllBytes(Path.Combine(folder, name), Utf8.GetBytes(text));

    private static string Run(string folder, string program, string[] arguments, int expectedExit)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = folder,
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
