using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Delivers a version bump to the viewers connected to this server: the document's hub followers (each through
/// its own outbox, <see cref="HubFollowers"/>) and its open editors (isolated queues, <see cref="DocumentListeners{T}"/>).
/// Every server delivers each bump once, to its own viewers only.
/// </summary>
public sealed class LocalAnnouncements : IVersionFeed
{
    private readonly DocumentListeners<VersionBump> _listeners;
    private readonly HubFollowers _followers;

    public LocalAnnouncements(HubFollowers followers, IOptions<RealtimeOptions> options, ILogger<LocalAnnouncements> logger)
    {
        _followers = followers;
        _listeners = new DocumentListeners<VersionBump>(logger, options.Value.ListenerTimeout);
    }

    public IDisposable Subscribe(Guid documentId, Func<VersionBump, Task> listener) => _listeners.Subscribe(documentId, listener);

    public void Deliver(VersionBump bump)
    {
        _listeners.Publish(bump.DocumentId, bump);
        _followers.Publish(bump.DocumentId, nameof(IDocumentClient.VersionBumped), bump);
    }
}

/// <summary>Carries each version bump from the server that saved it to the viewers of every server.</summary>
public interface IAnnouncementBus
{
    /// <summary>Never waits for a viewer or a network: a bump that cannot be carried is logged, never worth a save.</summary>
    void Publish(VersionBump bump);
}

/// <summary>One server: the bump goes straight to this server's viewers.</summary>
public sealed class LocalAnnouncementBus(LocalAnnouncements local) : IAnnouncementBus
{
    public void Publish(VersionBump bump) => local.Deliver(bump);
}
