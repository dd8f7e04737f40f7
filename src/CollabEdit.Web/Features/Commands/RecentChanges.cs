using CollabEdit.Merging;

namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// What each recent version changed (the changes from the version before it, and who saved it), kept in memory as
/// saves on this server write them, least recently used dropped first once their sum passes a budget. A rebased save
/// composes the links from its base to the newest version instead of diffing the two texts: with many typists on a
/// large document, the diff scans the whole text on every save, the composition only what changed. A version never
/// changes once written, so a link is never stale, on any number of servers; a missing link (saved elsewhere, or
/// dropped) makes the caller diff the texts instead.
/// </summary>
public sealed class RecentChanges
{
    /// <summary>The links kept, counted as the characters they hold (UTF-16, two bytes each) plus a fixed cost per change.</summary>
    public const long BudgetBytes = 32L << 20;

    /// <summary>A link that inserts or removes more than this is not kept: the texts' diff costs no more than keeping it.</summary>
    public const int MaxChangedCharacters = 256 * 1024;

    /// <summary>The most links composed for one rebase: further back, the diff of the two texts is cheaper.</summary>
    public const int MaxLinksComposed = 1000;

    private const int CostPerChange = 64;
    private const int MaxDocumentsKnown = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid Document, int Version), LinkedListNode<Link>> _links = [];
    private readonly Dictionary<Guid, int> _newest = [];
    private readonly LinkedList<Link> _recency = new();
    private long _bytes;

    /// <summary>The bytes the links hold now.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Keeps what turned version <paramref name="version"/> - 1 into <paramref name="version"/>, saved by <paramref name="author"/>.</summary>
    public void Add(Guid documentId, int version, ChangeSet changes, string author)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.ChangedSize > MaxChangedCharacters)
        {
            Saw(documentId, version);
            return;
        }

        var link = new Link(documentId, version, changes, author, 2 * changes.ChangedSize + CostPerChange * (changes.Changes.Length + 1));
        lock (_lock)
        {
            SawLocked(documentId, version);
            if (_links.ContainsKey((documentId, version)))
            {
                return;
            }

            _links[(documentId, version)] = _recency.AddFirst(link);
            _bytes += link.Bytes;
            while (_bytes > BudgetBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _links.Remove((oldest.Value.Document, oldest.Value.Version));
                _bytes -= oldest.Value.Bytes;
                if (_newest.TryGetValue(oldest.Value.Document, out var newest) && newest == oldest.Value.Version)
                {
                    // Nothing of that document is left: its newest version is forgotten too (bounded by the links).
                    _newest.Remove(oldest.Value.Document);
                }
            }
        }
    }

    /// <summary>
    /// The newest version of the document this server has written, as far as it remembers (0: none). Versions only
    /// grow, so a save based on an older one is known to be stale before it is tried.
    /// </summary>
    public int NewestKnown(Guid documentId)
    {
        lock (_lock)
        {
            return _newest.GetValueOrDefault(documentId);
        }
    }

    /// <summary>
    /// What turned version <paramref name="from"/> into <paramref name="to"/>, composed from the links, and who saved
    /// the versions in between (oldest first); false when a link is missing.
    /// </summary>
    public bool TryCompose(Guid documentId, int from, int to, out ChangeSet changes, out IReadOnlyList<string> authors)
    {
        changes = ChangeSet.Empty(0);
        authors = [];
        if (to <= from || to - from > MaxLinksComposed)
        {
            return false;
        }

        var links = new Link[to - from];
        lock (_lock)
        {
            for (var version = from + 1; version <= to; version++)
            {
                if (!_links.TryGetValue((documentId, version), out var node))
                {
                    return false;
                }

                _recency.Remove(node);
                _recency.AddFirst(node);
                links[version - from - 1] = node.Value;
            }
        }

        // Composed outside the lock: it costs what changed, and other saves need not wait for it.
        var composed = links[0].Changes;
        for (var i = 1; i < links.Length; i++)
        {
            if (links[i].Changes.Length != composed.NewLength)
            {
                return false;
            }

            composed = composed.Compose(links[i].Changes);
        }

        changes = composed;
        authors = [.. links.Select(l => l.Author)];
        return true;
    }

    private void Saw(Guid documentId, int version)
    {
        lock (_lock)
        {
            SawLocked(documentId, version);
        }
    }

    private void SawLocked(Guid documentId, int version)
    {
        if (_newest.Count >= MaxDocumentsKnown && !_newest.ContainsKey(documentId))
        {
            // Bounded: forgetting only costs a save one guarded try that the database refuses.
            _newest.Clear();
        }

        if (_newest.GetValueOrDefault(documentId) < version)
        {
            _newest[documentId] = version;
        }
    }

    private sealed record Link(Guid Document, int Version, ChangeSet Changes, string Author, long Bytes);
}
