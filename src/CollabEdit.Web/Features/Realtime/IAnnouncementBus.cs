using CollabEdit.Web.Features.Access;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Carries each version bump from the server that saved it to the viewers of every server.</summary>
public interface IAnnouncementBus : IAccessAnnouncer, Documents.ILockAnnouncer
{
    /// <summary>Never waits for a viewer or a network: a bump that cannot be carried is logged, never worth a save.</summary>
    void Publish(VersionBump bump);

    /// <summary>The same for a change of someone's access, after it committed.</summary>
    new void Publish(AccessChange change);

    /// <summary>The same for a lock or an unlock, after it committed.</summary>
    new void Publish(Documents.LockChange change);
}
