using System.CommandLine;
using System.Text;
using CollabEdit.Merging;

namespace CollabEdit.Cli;

/// <summary>
/// <c>collabedit merge</c>: the arguments, markers, output and exit status of <c>git merge-file</c>, so scripts can
/// use either. The exit status is the number of conflicts (at most 127); 255 when a file cannot be read or
/// written or is binary; 129 for bad arguments.
/// </summary>
internal static class MergeCommand
{
    public const int ErrorStatus = 255;
    public const int UsageStatus = 129;
    private const int MaxConflictStatus = 127;
    private const int BinaryProbeBytes = 8000;

    /// <summary>Files are read and written as bytes: Latin-1 maps each byte to one char and back, so any encoding survives exactly.</summary>
    private static readonly Encoding Bytes = Encoding.Latin1;

    public static int Run(string[] args, Stream standardOutput, TextWriter standardError)
    {
        var toStdout = new Option<bool>("--stdout", "-p") { Description = "Write the result to standard output instead of overwriting <ours>." };
        var diff3 = new Option<bool>("--diff3") { Description = "Show the base version inside conflicts, between ||||||| and =======." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Accepted for compatibility with git merge-file; nothing is printed on conflicts anyway." };
        var labels = new Option<string[]>("-L")
        {
            Description = "Label for ours, then base, then theirs (up to three times); the file names by default.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var ours = new Argument<string>("ours") { Description = "My version; overwritten with the result unless -p is given." };
        var @base = new Argument<string>("base") { Description = "The version both edits started from." };
        var theirs = new Argument<string>("theirs") { Description = "Their version." };

        var merge = new Command("merge", "Three-way merge of <ours> and <theirs> against <base>, as git merge-file does.")
        {
            toStdout, diff3, quiet, labels, ours, @base, theirs,
        };
        int? status = null;
        merge.SetAction(result => status = Merge(
            result.GetValue(ours)!, result.GetValue(@base)!, result.GetValue(theirs)!,
            result.GetValue(labels) ?? [], result.GetValue(toStdout), result.GetValue(diff3), standardOutput, standardError));

        var root = new RootCommand("CollabEdit command-line tools.") { merge };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                standardError.WriteLine($"error: {error.Message}");
            }

            standardError.WriteLine("usage: collabedit merge [-p|--stdout] [--diff3] [-L <label>]... <ours> <base> <theirs>");
            return UsageStatus;
        }

        // Help (--help) is printed by the parser's own action; a merge sets the status.
        var invoked = parsed.Invoke(new InvocationConfiguration { Error = standardError });
        return status ?? invoked;
    }

    private static int Merge(string oursPath, string basePath, string theirsPath, string[] labels, bool toStdout, bool diff3, Stream standardOutput, TextWriter standardError)
    {
        if (labels.Length > 3)
        {
            standardError.WriteLine("error: too many labels: -L is given at most three times (ours, base, theirs)");
            return UsageStatus;
        }

        string oursText, baseText, theirsText;
        try
        {
            oursText = ReadText(oursPath);
            baseText = ReadText(basePath);
            theirsText = ReadText(theirsPath);
        }
        catch (CliException exception)
        {
            standardError.WriteLine($"error: {exception.Message}");
            return ErrorStatus;
        }

        // Labels are written as the bytes git would write: their UTF-8 encoding.
        var markerLabels = new ConflictLabels(
            AsBytes(labels.ElementAtOrDefault(0) ?? oursPath),
            AsBytes(labels.ElementAtOrDefault(1) ?? basePath),
            AsBytes(labels.ElementAtOrDefault(2) ?? theirsPath));
        int conflicts;
        try
        {
            // Every input is already in memory, so overwriting ours while writing is safe.
            using var destination = toStdout ? null : new FileStream(oursPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            using var writer = new StreamWriter(destination ?? standardOutput, Bytes, 1 << 16, leaveOpen: destination is null);
            conflicts = ThreeWayMerge.WriteMergeWithMarkers(baseText, oursText, theirsText, writer, markerLabels, diff3);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            standardError.WriteLine($"error: could not write {(toStdout ? "standard output" : oursPath)}: {exception.Message}");
            return ErrorStatus;
        }

        return Math.Min(conflicts, MaxConflictStatus);
    }

    private static string AsBytes(string label) => Bytes.GetString(Encoding.UTF8.GetBytes(label));

    /// <summary>Reads a file straight into its final string, a block at a time, with no whole-file byte copy.</summary>
    private static string ReadText(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            if (file.Length > int.MaxValue)
            {
                throw new CliException($"{path} is too large to merge ({file.Length:N0} bytes)");
            }

            var text = string.Create((int)file.Length, file, static (chars, stream) =>
            {
                var buffer = new byte[1 << 20];
                var filled = 0;
                int read;
                while (filled < chars.Length && (read = stream.Read(buffer, 0, Math.Min(buffer.Length, chars.Length - filled))) > 0)
                {
                    filled += Bytes.GetChars(buffer.AsSpan(0, read), chars[filled..]);
                }

                if (filled != chars.Length)
                {
                    throw new IOException("the file changed while it was read");
                }
            });
            if (text.AsSpan(0, Math.Min(text.Length, BinaryProbeBytes)).Contains('\0'))
            {
                throw new CliException($"cannot merge binary files: {path}");
            }

            return text;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"could not read {path}: {exception.Message}");
        }
    }

    private sealed class CliException(string message) : Exception(message);
}
