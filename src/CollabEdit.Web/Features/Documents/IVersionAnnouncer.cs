namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Told of every saved version once, after its transaction committed. The documents core depends on this
/// port only; real-time delivery (hub, open editors) implements it, so there is no cycle between them.
/// </summary>
public interface IVersionAnnouncer
{
    /// <summary>Must return at once: it runs on the writer's thread, between a commit and the callers' answers.</summary>
    void Announce(Document head, string content);
}
