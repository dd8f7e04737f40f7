using System.Text;
using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Editing;

/// <summary>
/// Whether an open editor can be moved to a newer version by changes rather than by the whole text: CodeMirror keeps
/// its text with "\n" line breaks only, so positions mean the same there as here only when neither the text it shows
/// nor anything inserted has a "\r"; and a large change costs no less as changes than as the (compressed) text.
/// </summary>
public static class FollowedChanges
{
    /// <summary>The largest change sent to a browser as changes (UTF-8 bytes of its JSON).</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>Whether <paramref name="changes"/> can go to an editor that shows <paramref name="shown"/>.</summary>
    public static bool CanSend(string shown, ChangeSet changes)
    {
        if (changes.Length != shown.Length || shown.Contains('\r', StringComparison.Ordinal))
        {
            return false;
        }

        // Every inserted character is in the JSON: a larger insertion cannot fit, and is not serialised to find out.
        if (changes.Changes.Sum(c => (long)c.Insert.Length) > MaxJsonBytes || changes.Changes.Any(c => c.Insert.Contains('\r', StringComparison.Ordinal)))
        {
            return false;
        }

        return Encoding.UTF8.GetByteCount(ChangeSetJson.ToJson(changes)) <= MaxJsonBytes;
    }
}
