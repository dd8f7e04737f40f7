using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using CollabEdit.Merging;
using CollabEdit.Web.Features.Documents;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// What <see cref="DocumentHub.SaveChanges"/> answers for a save: the version the document is at now and its ETag;
/// <see cref="Changed"/> false when the save made no new version (it changed nothing, or everything of it was there
/// already or conflicted). When the save was rebased onto newer versions, <see cref="ToSaved"/> (CodeMirror's
/// <c>ChangeSet.toJSON()</c> form) turns the text the caller sent (its base plus its changes) into the text of
/// <see cref="Version"/>, and <see cref="Conflicts"/> lists where the caller and a newer version changed the same words
/// (the saved text holds theirs there, positioned in it; the caller's words are in <c>mine</c>). Null and empty when
/// the save went in on its base as it was.
/// </summary>
/// <remarks>The ETag travels as "etag", as in <see cref="VersionBump"/>.</remarks>
public sealed record HubSaveResult(
    int Version, [property: JsonPropertyName("etag")] string ETag, bool Changed, JsonElement? ToSaved, IReadOnlyList<RebaseConflict> Conflicts)
{
    /// <summary>The answer for a save the pipeline accepted.</summary>
    public static HubSaveResult Of(DocumentOutcome.Saved saved)
    {
        var head = saved.Document.Head;
        return new HubSaveResult(
            head.CurrentVersion, DocumentETags.Of(head).ToString(), saved.Changed,
            saved.Rebased is { } rebased ? Json(rebased.ToSaved) : null,
            saved.Rebased?.Conflicts ?? []);
    }

    private static JsonElement Json(ChangeSet changes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ChangeSetJson.Write(writer, changes);
        }

        using var parsed = JsonDocument.Parse(buffer.WrittenMemory);
        return parsed.RootElement.Clone();
    }
}
