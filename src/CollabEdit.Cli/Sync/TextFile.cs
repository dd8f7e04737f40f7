using System.Text;

namespace CollabEdit.Cli.Sync;

/// <summary>
/// Documents are Unicode text, and files hold them as UTF-8: read strictly (a file that is not UTF-8 is refused,
/// never guessed at), a byte order mark kept as the character it is, and written whole by renaming a finished
/// copy into place, so that a crash leaves the old file or the new one, never half of one.
/// </summary>
internal static class TextFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string path)
    {
        try
        {
            return Utf8.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException)
        {
            throw new SyncException(SyncStatus.Error, $"{path} is not UTF-8 text");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SyncException(SyncStatus.Error, $"could not read {path}: {exception.Message}");
        }
    }

    public static void Write(string path, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(Utf8.GetBytes(text));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or EncoderFallbackException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // The unfinished copy is hidden and named after this process: left behind, it harms nothing.
            }

            throw new SyncException(SyncStatus.Error, $"could not write {path}: {exception.Message}");
        }
    }
}
