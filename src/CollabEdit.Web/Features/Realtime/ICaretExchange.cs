namespace CollabEdit.Web.Features.Realtime;

/// <summary>How the carets of several servers meet: each tells its own, and keeps what it hears of the others'.</summary>
public interface ICaretExchange
{
    /// <summary>This server's carets of a document changed (or are repeated). Must return at once.</summary>
    void LocalChanged(Guid documentId, IReadOnlyList<Caret> local);

    /// <summary>The other servers' carets of a document, as last heard and still fresh.</summary>
    IEnumerable<Caret> RemoteCarets(Guid documentId);
}
