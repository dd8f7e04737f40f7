using Microsoft.Extensions.Options;

namespace CollabEdit.Web.Storage;

/// <summary>
/// The texts of versions recently read or written, keyed (document, version), the least recently used dropped first
/// once their sum passes <see cref="StorageOptions.RevisionCacheBytes"/> (counted as UTF-16: what the strings hold in
/// memory). A version never changes once written, so an entry is never stale, on any number of servers; only
/// texts that passed their hash check (or were just hashed to be written) enter it.
/// </summary>
public sealed class RevisionTextCache(IOptions<StorageOptions> options)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(Guid, int), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    /// <summary>The bytes the cached texts hold now.</summary>
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

    public bool TryGet(Guid documentId, int version, out string text)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue((documentId, version), out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                text = node.Value.Text;
                return true;
            }
        }

        text = "";
        return false;
    }

    public void Add(Guid documentId, int version, string text)
    {
        var size = 2L * text.Length;
        var limit = options.Value.RevisionCacheBytes;
        if (size > limit / 4)
        {
            // One text may not push out most of the others.
            return;
        }

        lock (_lock)
        {
            if (_entries.ContainsKey((documentId, version)))
            {
                return;
            }

            _entries[(documentId, version)] = _recency.AddFirst(new Entry(documentId, version, text));
            _bytes += size;
            while (_bytes > limit && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove((oldest.Value.DocumentId, oldest.Value.Version));
                _bytes -= 2L * oldest.Value.Text.Length;
            }
        }
    }

    /// <summary>Forgets every text (a test that tampers with the stored form reads it again from the database).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
            _bytes = 0;
        }
    }

    private sealed record Entry(Guid DocumentId, int Version, string Text);
}
