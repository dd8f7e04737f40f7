using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>Presence across servers over Redis pub/sub: each server's viewers of a document (see <see cref="RedisExchange{TItem}"/>).</summary>
public sealed class RedisPresenceExchange(
    IConnectionMultiplexer redis, PresenceTracker presence, TimeProvider clock, ILogger<RedisPresenceExchange> logger)
    : RedisExchange<Viewer>(redis, clock, logger, "presence", "presence"), IPresenceExchange
{
    protected override IEnumerable<Guid> LocalDocuments => presence.LocalDocuments;

    public IEnumerable<Viewer> RemoteViewers(Guid documentId) => Remote(documentId);

    protected override IReadOnlyList<Viewer> LocalItems(Guid documentId) => presence.LocalViewers(documentId);

    protected override void RemoteChanged(Guid documentId) => presence.RemoteChanged(documentId);

    protected override void Attach() => presence.UseExchange(this);
}
