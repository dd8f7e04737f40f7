using StackExchange.Redis;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// Carets across servers over Redis pub/sub, as presence is exchanged (<see cref="RedisExchange{TItem}"/>): a server
/// publishes its carets of a document when its announcement of them changes (at most a few times a second, already
/// coalesced) and on every heartbeat, so the carets of a server that dies leave everyone's editors within seconds.
/// </summary>
public sealed class CaretRedisExchange(
    IConnectionMultiplexer redis, CaretTracker carets, TimeProvider clock, ILogger<CaretRedisExchange> logger)
    : RedisExchange<Caret>(redis, clock, logger, "carets", "carets"), ICaretExchange
{
    protected override IEnumerable<Guid> LocalDocuments => carets.LocalDocuments;

    public IEnumerable<Caret> RemoteCarets(Guid documentId) => Remote(documentId);

    protected override IReadOnlyList<Caret> LocalItems(Guid documentId) => carets.LocalCarets(documentId);

    protected override void RemoteChanged(Guid documentId) => carets.RemoteChanged(documentId);

    protected override void Attach() => carets.UseExchange(this);
}
