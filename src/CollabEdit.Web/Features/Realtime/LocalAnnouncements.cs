using CollabEdit.Web.Features.Access;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Delivers a version bump to the viewers connected to this server: the document's hub followers (each through
/// its own outbox, <see cref="HubFollowers"/>) and its open editors (isolated queues, <see cref="DocumentListeners{T}"/>).
/// Every server delivers each bump once, to its own viewers only. Access changes take the same way: the person's hub
/// connections stop following a document they lost (or have less of), and their open editors and documents lists hear it.
/// </summary>
public sealed class LocalAnnouncements : IVersionFeed, IAccessFeed
{
    private readonly DocumentListeners<VersionBump> _listeners;
    private readonly DocumentListeners<Documents.LockChange> _locks;
    private readonly DocumentListeners<AccessChange> _accessByDocument;
    private readonly KeyedListeners<string, AccessChange> _accessByUser;
    private readonly HubFollowers _followers;
    private readonly PresenceTracker _presence;

    public LocalAnnouncements(HubFollowers followers, PresenceTracker presence, IOptions<RealtimeOptions> options, ILogger<LocalAnnouncements> logger)
    {
        _followers = followers;
        _presence = presence;
        _listeners = new DocumentListeners<VersionBump>(logger, options.Value.ListenerTimeout);
        _locks = new DocumentListeners<Documents.LockChange>(logger, options.Value.ListenerTimeout);
        _accessByDocument = new DocumentListeners<AccessChange>(logger, options.Value.ListenerTimeout);
        _accessByUser = new KeyedListeners<string, AccessChange>(logger, options.Value.ListenerTimeout);
    }

    public IDisposable Subscribe(Guid documentId, Func<VersionBump, Task> listener) => _listeners.Subscribe(documentId, listener);

    public IDisposable SubscribeLocks(Guid documentId, Func<Documents.LockChange, Task> listener) => _locks.Subscribe(documentId, listener);

    public IDisposable SubscribeDocument(Guid documentId, Func<AccessChange, Task> listener) => _accessByDocument.Subscribe(documentId, listener);

    public IDisposable SubscribeUser(string userId, Func<AccessChange, Task> listener) => _accessByUser.Subscribe(userId, listener);

    /// <summary>
    /// A narrowed role ends the person's hub subscriptions to the document at once (no more versions or presence, their
    /// typing is refused; joining again is checked against the new role); every change is told to their connections
    /// (<see cref="IDocumentClient.AccessChanged"/>), editors and lists.
    /// </summary>
    public void Deliver(AccessChange change)
    {
        var client = RateLimiting.ClientRateLimiter.ClientKeyOfUser(change.UserId);
        if (change.Narrowed)
        {
            foreach (var connectionId in _followers.EndFollowing(change.DocumentId, client))
            {
                DocumentHub.Forget(connectionId, change.DocumentId);
                _presence.Leave(change.DocumentId, connectionId);
            }
        }

        _followers.SendToClient(client, nameof(IDocumentClient.AccessChanged), change);
        _accessByDocument.Publish(change.DocumentId, change);
        _accessByUser.Publish(change.UserId, change);
    }

    /// <summary>A lock or an unlock: the document's open editors turn read-only (or back) and its hub followers hear it.</summary>
    public void Deliver(Documents.LockChange change)
    {
        _locks.Publish(change.DocumentId, change);
        _followers.Publish(change.DocumentId, nameof(IDocumentClient.LockChanged), change);
    }

    public void Deliver(VersionBump bump)
    {
        _listeners.Publish(bump.DocumentId, bump);
        _followers.Publish(bump.DocumentId, nameof(IDocumentClient.VersionBumped), bump);
    }
}
