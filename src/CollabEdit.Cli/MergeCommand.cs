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

    /// <summary>Runs <c>collabedit merge</c> with the arguments after <c>merge</c>.</summary>
    public static int Run(IReadOnlyList<string> args, Stream standardOutput, TextWriter standardError)
    {
        if (args is ["-h" or "--help", ..])
        {
            using var help = new StreamWriter(standardOutput, Encoding.UTF8, 1024, leaveOpen: true);
            help.WriteLine(MergeArguments.Help);
            return 0;
        }

        var (arguments, error) = MergeArguments.Parse(args);
        if (arguments is null)
        {
            standardError.WriteLine($"error: {error}");
            standardError.WriteLine(MergeArguments.Usage);
            return UsageStatus;
        }

        return Merge(arguments, standardOutput, standardError);
    }

    private static int Merge(MergeArguments arguments, Stream standardOutput, TextWriter standardError)
    {
        string oursText, baseText, theirsText;
        try
        {
            oursText = ReadText(arguments.Ours);
            baseText = ReadText(arguments.Base);
            theirsText = ReadText(arguments.Theirs);
        }
        catch (CliException exception)
        {
            standardError.WriteLine($"error: {exception.Message}");
            return ErrorStatus;
        }

        // Labels are written as the bytes git would write: their UTF-8 encoding.
        var labels = arguments.Labels;
        var markerLabels = new ConflictLabels(
            AsBytes(labels.ElementAtOrDefault(0) ?? arguments.Ours),
            AsBytes(labels.ElementAtOrDefault(1) ?? arguments.Base),
            AsBytes(labels.ElementAtOrDefault(2) ?? arguments.Theirs));
        int conflicts;
        try
        {
            // Every input is already in memory, so overwriting ours while writing is safe.
            // Buffers sized to the output: a small merge should not pay for large ones.
            var buffer = Math.Clamp(oursText.Length + theirsText.Length, 4096, 1 << 16);
            using var destination = arguments.ToStdout ? null : new FileStream(arguments.Ours, FileMode.Create, FileAccess.Write, FileShare.None, buffer);
            using var writer = new StreamWriter(destination ?? standardOutput, Bytes, buffer, leaveOpen: destination is null);
            conflicts = ThreeWayMerge.WriteMergeWithMarkers(baseText, oursText, theirsText, writer, markerLabels, arguments.Diff3, arguments.Prose);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            standardError.WriteLine($"error: could not write {(arguments.ToStdout ? "standard output" : arguments.Ours)}: {exception.Message}");
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
                var buffer = new byte[Math.Clamp(chars.Length, 1, 1 << 20)];
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
