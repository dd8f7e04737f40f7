using System.Text.Json.Serialization;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>A new version was saved: sent once per version to everyone who has the document open.</summary>
/// <remarks>The ETag travels as "etag" (camel case would make it "eTag").</remarks>
public sealed record VersionBump(
    Guid DocumentId, int Version, [property: JsonPropertyName("etag")] string ETag, string Author, DateTime SavedAt, int LinesAdded, int LinesRemoved);
