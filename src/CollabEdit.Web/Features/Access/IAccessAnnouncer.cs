namespace CollabEdit.Web.Features.Access;

/// <summary>
/// Told of every committed change of someone's access, so that it takes effect on their live connections at once.
/// A port: real-time delivery implements it, so access depends on nothing above it.
/// </summary>
public interface IAccessAnnouncer
{
    /// <summary>Must return at once (never waits for a viewer or a network).</summary>
    void Publish(AccessChange change);
}
