using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Told of every saved version once, after its transaction committed. The documents core depends on this
/// port only; real-time delivery (hub, open editors) implements it, so there is no cycle between them.
/// </summary>
public interface IVersionAnnouncer
{
    /// <summary>
    /// Must return at once: it runs on the writer's thread, between a commit and the callers' answers.
    /// <paramref name="changes"/>: what turned the previous version's text into <paramref name="content"/>, when known.
    /// </summary>
    void Announce(Document head, string content, ChangeSet? changes = null);
}
