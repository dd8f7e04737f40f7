using System.Diagnostics;
using System.Text;

namespace CollabEdit.Deltas.Bench;

/// <summary>
/// The bench's own diffs, applied by <c>patch(1)</c> before anything is measured: a refused PATCH must be the app's
/// doing, never a wrong diff of the bench's. Every kind of edit it makes, on LF and CRLF text, with and without a final newline.
/// </summary>
internal static class DiffCheck
{
    public static async Task RunAsync(string sample)
    {
        var random = new Random(7);
        var folder = Directory.CreateTempSubdirectory("collabedit-bench-diff-");
        try
        {
            var texts = new[] { sample, sample.Replace("\n", "\r\n", StringComparison.Ordinal), sample.TrimEnd('\n') };
            var checks = 0;
            foreach (var before in texts)
            {
                foreach (var edit in new Func<string, string>[] { t => Edits.Line(t, random), t => Edits.Prose(t, random), t => Edits.TenCharacters(t, random.NextDouble(), 1), t => t + "appended" })
                {
                    var after = edit(before);
                    var original = Path.Combine(folder.FullName, "before");
                    var result = Path.Combine(folder.FullName, "after");
                    await File.WriteAllBytesAsync(original, Encoding.UTF8.GetBytes(before));
                    var start = new ProcessStartInfo("patch", ["-s", "--binary", "-o", result, original]) { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
                    using (var patch = Process.Start(start)!)
                    {
                        await patch.StandardInput.WriteAsync(UnifiedDiff.Of(before, after));
                        patch.StandardInput.Close();
                        await patch.WaitForExitAsync();
                        if (patch.ExitCode != 0 || !(await File.ReadAllBytesAsync(result)).AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(after)))
                        {
                            throw new InvalidOperationException($"patch(1) did not turn the text into the edit with the bench's diff: {await patch.StandardError.ReadToEndAsync()}\n{UnifiedDiff.Of(before, after)}");
                        }
                    }

                    checks++;
                }
            }

            Console.Error.WriteLine($"The bench's unified diffs: {checks} applied exactly by patch(1).");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
