namespace CollabEdit.Web.Features.Realtime;

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

    /// <summary>
    /// The carets in a document changed (at most a few times a second; sent once on joining). Your own caret is among
    /// them, with the id <see cref="DocumentHub.MoveCaret"/> answered.
    /// </summary>
    Task CaretsChanged(DocumentCarets carets);
}
