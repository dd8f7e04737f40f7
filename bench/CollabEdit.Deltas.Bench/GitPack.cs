using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CollabEdit.Deltas.Bench;

/// <summary>
/// git's storage of the same versions: one commit per step of the history (every document at its version of that
/// step, one file each), packed as tightly as git packs (<c>git gc --aggressive --prune=now</c>: window 250), measured
/// by <c>git count-objects -v</c>'s size-pack. The commits and trees are counted too (git needs them; a few hundred bytes each).
/// </summary>
internal static class GitPack
{
    public static async Task<long> PackedBytesAsync(IReadOnlyList<StoredDocument> documents)
    {
        var repository = Directory.CreateTempSubdirectory("collabedit-bench-git-");
        try
        {
            await GitAsync(repository.FullName, "init", "-q");
            await GitAsync(repository.FullName, "config", "core.autocrlf", "false");
            var steps = documents.Max(d => d.Versions.Count);
            for (var step = 0; step < steps; step++)
            {
                foreach (var document in documents.Where(d => step < d.Versions.Count))
                {
                    var path = Path.Combine(repository.FullName, document.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(document.Versions[step]));
                }

                await GitAsync(repository.FullName, "add", "-A");
                await GitAsync(repository.FullName, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-q", "--allow-empty", "-m", $"step {step + 1}");
            }

            await GitAsync(repository.FullName, "gc", "--aggressive", "--prune=now", "-q");
            var counted = await GitAsync(repository.FullName, "count-objects", "-v");
            var sizePack = counted.Split('\n').Single(l => l.StartsWith("size-pack:", StringComparison.Ordinal));
            return long.Parse(sizePack["size-pack:".Length..].Trim(), CultureInfo.InvariantCulture) * 1024;
        }
        finally
        {
            repository.Delete(recursive: true);
        }
    }

    private static async Task<string> GitAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEndAsync();
        var error = git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {await error}");
        }

        return await output;
    }
}

/// <summary>One document's versions, oldest first, and the path it has in git.</summary>
internal sealed record StoredDocument(string Path, IReadOnlyList<string> Versions);
