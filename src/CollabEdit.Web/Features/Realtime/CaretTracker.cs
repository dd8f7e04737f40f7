using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Features.Realtime;

/// <summary>
/// The latest caret and selection of every open editor and hub connection, per document. Each participant is
/// taken at most once per <see cref="CaretOptions.MoveInterval"/> (moves in between are coalesced, the latest wins,
/// so a client sending faster gains nothing and costs little); a document's carets are announced at most once per
/// <see cref="CaretOptions.BroadcastInterval"/>, with the newest state, to its open editors and (through
/// <see cref="OnEveryChange"/>) its hub followers, never waiting for either. A participant's caret goes when it
/// leaves the document's presence (<see cref="PresenceTracker.OnLeave"/>: a closed page, a dropped connection, a
/// lost role), so carets need no leave of their own.
/// </summary>
public sealed class CaretTracker
{
    private readonly ConcurrentDictionary<Guid, Room> _documents = new();
    private readonly DocumentListeners<DocumentCarets> _listeners;
    private readonly CaretOptions _options;
    private readonly TimeProvider _clock;

    // Ids are a keyed hash of the participant's key (a connection id, a page's presence id): opaque to the others,
    // and known to the participant before its first move, so that it can tell its own caret from the first announcement.
    private readonly byte[] _idKey = RandomNumberGenerator.GetBytes(32);
    private Action<DocumentCarets>? _everyDocument;
    private ICaretExchange? _exchange;
    private long _moves;

    public CaretTracker(TimeProvider clock, IOptions<CaretOptions> options, IOptions<RealtimeOptions> realtime, PresenceTracker presence, ILogger<CaretTracker> logger)
    {
        _clock = clock;
        _options = options.Value;
        _listeners = new DocumentListeners<DocumentCarets>(logger, realtime.Value.ListenerTimeout);
        presence.OnLeave(Leave);
    }

    /// <summary>Called for every announcement of every document (the hub's broadcast). Must return at once.</summary>
    public void OnEveryChange(Action<DocumentCarets> listener) => _everyDocument = listener;

    /// <summary>The document's announcements, for an open editor (each listener has its own queue; a slow one delays only itself).</summary>
    public IDisposable Subscribe(Guid documentId, Func<DocumentCarets, Task> listener) => _listeners.Subscribe(documentId, listener);

    /// <summary>
    /// Several servers: this server's carets go to the exchange whenever they change, and what it knows of the other
    /// servers' carets is merged into every announcement.
    /// </summary>
    public void UseExchange(ICaretExchange exchange) => _exchange = exchange;

    /// <summary>The exchange heard of a change on another server: announce the merged state here (coalesced as any change).</summary>
    public void RemoteChanged(Guid documentId)
    {
        while (true)
        {
            var room = _documents.GetOrAdd(documentId, _ => new Room());
            lock (room)
            {
                if (!room.Closed)
                {
                    var now = _clock.GetUtcNow();
                    FlushAt(documentId, room, now, now);
                    return;
                }
            }
        }
    }

    /// <summary>Documents with carets on this server (what the exchange repeats).</summary>
    public IEnumerable<Guid> LocalDocuments => _documents.Where(d => d.Value.Published.Count > 0).Select(d => d.Key);

    /// <summary>This server's carets of a document, as last told to the other servers.</summary>
    public IReadOnlyList<Caret> LocalCarets(Guid documentId) => _documents.TryGetValue(documentId, out var room) ? room.Published : [];

    /// <summary>The id the carets of <paramref name="participant"/> carry.</summary>
    public string IdOf(string participant) =>
        Convert.ToBase64String(HMACSHA256.HashData(_idKey, Encoding.UTF8.GetBytes(participant)), 0, 12).Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// The participant's caret moved. Negative positions count as 0 (the browser clamps to its text). False, and
    /// nothing kept, when the document holds as many carets as it may (<see cref="CaretOptions.MaxCaretsPerDocument"/>).
    /// </summary>
    public bool Move(Guid documentId, string participant, string name, int version, int anchor, int head)
    {
        while (true)
        {
            var room = _documents.GetOrAdd(documentId, _ => new Room());
            lock (room)
            {
                if (room.Closed)
                {
                    // Emptied and dropped between the lookup and the lock: a fresh room takes the move.
                    continue;
                }

                if (!room.Entries.TryGetValue(participant, out var entry))
                {
                    if (room.Entries.Count >= _options.MaxCaretsPerDocument)
                    {
                        return false;
                    }

                    entry = new Entry(IdOf(participant));
                    room.Entries[participant] = entry;
                }

                if (entry.Name != name)
                {
                    entry.Name = name;
                    entry.Colour = CaretColours.For(name);
                }

                var now = _clock.GetUtcNow();
                entry.Waiting = new Caret(entry.Id, name, entry.Colour, Math.Max(0, version), Math.Max(0, anchor), Math.Max(0, head));
                entry.Order = Interlocked.Increment(ref _moves);
                var due = entry.Shown is null ? now : entry.TakenAt + _options.MoveInterval;
                FlushAt(documentId, room, due, now);
                return true;
            }
        }
    }

    /// <summary>The participant's caret goes (it left the document).</summary>
    public void Leave(Guid documentId, string participant)
    {
        if (!_documents.TryGetValue(documentId, out var room))
        {
            return;
        }

        lock (room)
        {
            if (!room.Closed && room.Entries.Remove(participant))
            {
                var now = _clock.GetUtcNow();
                FlushAt(documentId, room, now, now);
            }
        }
    }

    /// <summary>What the document's carets are now (what a joiner is sent).</summary>
    public DocumentCarets Of(Guid documentId)
    {
        if (!_documents.TryGetValue(documentId, out var room))
        {
            return Capped(documentId, [.. _exchange?.RemoteCarets(documentId) ?? []]);
        }

        lock (room)
        {
            return Snapshot(documentId, room);
        }
    }

    /// <summary>How many documents hold carets (or an announcement still to send): for tests of the memory bound.</summary>
    internal int DocumentCount => _documents.Count;

    /// <summary>Asks for an announcement at <paramref name="due"/> or, if the document was announced lately, when it may be next. Under the room's lock.</summary>
    private void FlushAt(Guid documentId, Room room, DateTimeOffset due, DateTimeOffset now)
    {
        if (due < room.NextAllowed)
        {
            due = room.NextAllowed;
        }

        if (room.TimerDue is { } armed && armed <= due)
        {
            // An announcement is already coming, no later than this one would: it takes the newest state then.
            return;
        }

        if (due <= now)
        {
            Flush(documentId, room, now);
            return;
        }

        room.TimerDue = due;
        room.Timer ??= _clock.CreateTimer(_ => OnTimer(documentId, room), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        room.Timer.Change(due - now, Timeout.InfiniteTimeSpan);
    }

    private void OnTimer(Guid documentId, Room room)
    {
        lock (room)
        {
            if (room.Closed)
            {
                return;
            }

            Flush(documentId, room, _clock.GetUtcNow());
        }
    }

    /// <summary>
    /// Takes the moves whose interval has passed, announces, and plans the next announcement for moves still waiting.
    /// Under the room's lock, so announcements leave in the order their states were made; publishing only queues.
    /// </summary>
    private void Flush(Guid documentId, Room room, DateTimeOffset now)
    {
        // Whatever was planned, this announcement covers it; what still waits is planned again below.
        room.TimerDue = null;
        room.Timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        DateTimeOffset? nextDue = null;
        foreach (var entry in room.Entries.Values)
        {
            if (entry.Waiting is null)
            {
                continue;
            }

            var due = entry.Shown is null ? now : entry.TakenAt + _options.MoveInterval;
            if (due <= now)
            {
                entry.Shown = entry.Waiting;
                entry.Waiting = null;
                entry.TakenAt = now;
            }
            else if (nextDue is null || due < nextDue)
            {
                nextDue = due;
            }
        }

        room.NextAllowed = now + _options.BroadcastInterval;
        if (_exchange is not null)
        {
            var local = Local(room);
            if (!local.SequenceEqual(room.Published))
            {
                room.Published = local;
                _exchange.LocalChanged(documentId, local);
            }
        }

        var carets = Snapshot(documentId, room);
        _everyDocument?.Invoke(carets);
        _listeners.Publish(documentId, carets);

        if (nextDue is { } next)
        {
            FlushAt(documentId, room, next, now);
        }
        else if (room.Entries.Count == 0)
        {
            // Nothing left to show or to send: the document costs nothing until someone moves again.
            room.Closed = true;
            room.Timer?.Dispose();
            _documents.TryRemove(KeyValuePair.Create(documentId, room));
        }
    }

    /// <summary>This server's carets, the most recently moved first (all of them: the cap applies to what is sent).</summary>
    private static List<Caret> Local(Room room) =>
        [.. room.Entries.Values.Where(e => e.Shown is not null).OrderByDescending(e => e.Order).Select(e => e.Shown!)];

    private DocumentCarets Snapshot(Guid documentId, Room room) =>
        Capped(documentId, [.. Local(room).Concat(_exchange?.RemoteCarets(documentId) ?? [])]);

    private DocumentCarets Capped(Guid documentId, List<Caret> all)
    {
        var sent = all.Take(_options.MaxCaretsSent).ToList();
        return new DocumentCarets(documentId, sent, all.Count - sent.Count);
    }

    /// <summary>One document's carets on this server, and when it may be announced next.</summary>
    private sealed class Room
    {
        public Dictionary<string, Entry> Entries { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset NextAllowed { get; set; }

        public ITimer? Timer { get; set; }

        public DateTimeOffset? TimerDue { get; set; }

        /// <summary>This server's carets as last told to the other servers (only with an exchange).</summary>
        public List<Caret> Published { get; set; } = [];

        /// <summary>Emptied and dropped from the tracker: a move that still finds it takes a fresh one.</summary>
        public bool Closed { get; set; }
    }

    /// <summary>One participant: the caret the others see, and the latest move, waiting for its interval to pass.</summary>
    private sealed class Entry(string id)
    {
        public string Id { get; } = id;

        public string? Name { get; set; }

        public string Colour { get; set; } = CaretColours.Palette[0];

        public Caret? Shown { get; set; }

        public Caret? Waiting { get; set; }

        public DateTimeOffset TakenAt { get; set; }

        /// <summary>When it last moved (a sequence number): the most recently moved are the ones sent when there are too many.</summary>
        public long Order { get; set; }
    }
}
