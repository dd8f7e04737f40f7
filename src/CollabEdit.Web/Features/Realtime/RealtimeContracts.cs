using System.Text.Json.Serialization;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>A new version was saved: sent once per version to everyone who has the document open.</summary>
/// <remarks>The ETag travels as "etag" (camel case would make it "eTag").</remarks>
public sealed record VersionBump(
    Guid DocumentId, int Version, [property: JsonPropertyName("etag")] string ETag, string Author, DateTime SavedAt, int LinesAdded, int LinesRemoved);

public sealed record Viewer(string Name, int ConnectionCount, bool Typing);

/// <summary>Who has a document open, and who is typing: the first names (typing first), and how many more people there are.</summary>
public sealed record Presence(Guid DocumentId, IReadOnlyList<Viewer> Viewers, int Others = 0);

/// <summary>What the hub calls on its clients (JavaScript: connection.on("VersionBumped", …)).</summary>
public interface IDocumentClient
{
    Task VersionBumped(VersionBump bump);

    Task PresenceChanged(Presence presence);

    /// <summary>
    /// Your role on a document changed (<c>role</c> null: removed). When it was removed or lowered, this connection no
    /// longer follows the document: join again if the new role still lets you read it.
    /// </summary>
    Task AccessChanged(Access.AccessChange change);

    /// <summary>An owner locked (<c>locked</c> true: every write is refused until unlocked) or unlocked the document.</summary>
    Task LockChanged(Documents.LockChange change);
}
