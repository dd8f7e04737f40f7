using CollabEdit.Web.Features.Access;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>One server: the bump goes straight to this server's viewers.</summary>
public sealed class LocalAnnouncementBus(LocalAnnouncements local) : IAnnouncementBus
{
    public void Publish(VersionBump bump) => local.Deliver(bump);

    public void Publish(AccessChange change) => local.Deliver(change);

    public void Publish(Documents.LockChange change) => local.Deliver(change);
}
