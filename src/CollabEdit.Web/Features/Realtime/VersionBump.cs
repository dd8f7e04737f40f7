using System.Text.Json;
using System.Text.Json.Serialization;
using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// A new version was saved: sent once per version to everyone who has the document open. When what changed is small
/// (its JSON under <see cref="MaxChangesBytes"/>), it travels along: <see cref="Changes"/> (CodeMirror's
/// <c>ChangeSet.toJSON()</c> form, see <see cref="ChangeSetJson"/>) turn the text of <see cref="BaseVersion"/> (the
/// previous version) into this one, so that a follower that holds that text moves on without fetching the document.
/// </summary>
/// <remarks>The ETag travels as "etag" (camel case would make it "eTag").</remarks>
public sealed record VersionBump(
    Guid DocumentId, int Version, [property: JsonPropertyName("etag")] string ETag, string Author, DateTime SavedAt, int LinesAdded, int LinesRemoved,
    JsonElement? Changes = null, int? BaseVersion = null)
{
    /// <summary>The largest change carried in a bump (UTF-8 bytes of its JSON); a larger one is fetched by who needs it.</summary>
    public const int MaxChangesBytes = 16 * 1024;

    /// <summary>
    /// The changes this bump carries, when they apply to <paramref name="version"/> whose text has <paramref name="length"/>
    /// characters; null when none are carried, they start from another version, or they do not fit that length.
    /// </summary>
    public ChangeSet? ChangesFrom(int version, int length)
    {
        if (Changes is not { } json || BaseVersion != version)
        {
            return null;
        }

        try
        {
            var changes = ChangeSetJson.Read(json);
            return changes.Length == length ? changes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
