namespace CollabEdit.Web.Features.Documents;

/// <summary>
/// Told of every committed lock and unlock. A port of the documents kernel, like <see cref="IVersionAnnouncer"/>:
/// real-time delivery implements it, so the kernel depends on nothing above it.
/// </summary>
public interface ILockAnnouncer
{
    /// <summary>Must return at once (never waits for a viewer or a network).</summary>
    void Publish(LockChange change);
}
