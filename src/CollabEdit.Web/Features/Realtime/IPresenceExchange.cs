namespace CollabEdit.Web.Features.Realtime;

/// <summary>How presence of several servers meets: each tells its own viewers, and keeps what it hears of the others.</summary>
public interface IPresenceExchange
{
    /// <summary>This server's viewers of a document changed. Must return at once.</summary>
    void LocalChanged(Guid documentId, IReadOnlyList<Viewer> viewers);

    /// <summary>The other servers' viewers of a document, as last heard and still fresh.</summary>
    IEnumerable<Viewer> RemoteViewers(Guid documentId);
}
