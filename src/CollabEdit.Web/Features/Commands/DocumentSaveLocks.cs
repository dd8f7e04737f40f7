namespace CollabEdit.Web.Features.Commands;

/// <summary>
/// One rebasing save at a time per document on this server: many typists on one document would otherwise all read
/// the same newest version, rebase onto it and race, and all but one would lose and rebase again, over and over.
/// In turn, each one rebases once. Across servers the database's guard still decides and the loser retries. Only
/// documents with a save in flight hold an entry (memory is bounded by the saves running); a wait ends with its
/// caller's cancellation.
/// </summary>
public sealed class DocumentSaveLocks
{
    private readonly Dictionary<Guid, Entry> _entries = [];

    /// <summary>Documents with a save holding or waiting for their turn now.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits for the document's turn; disposing the answer ends it.</summary>
    public async Task<Turn> TakeTurnAsync(Guid documentId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(documentId, out entry!))
            {
                entry = new Entry();
                _entries[documentId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(documentId, entry);
            throw;
        }

        return new Turn(this, documentId, entry);
    }

    private void Leave(Guid documentId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(documentId);
            }
        }
    }

    /// <summary>A document's turn; disposed once, it lets the next save of the document in.</summary>
    public sealed class Turn : IDisposable
    {
        private readonly DocumentSaveLocks _owner;
        private readonly Guid _documentId;
        private Entry? _entry;

        internal Turn(DocumentSaveLocks owner, Guid documentId, Entry entry) => (_owner, _documentId, _entry) = (owner, documentId, entry);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _entry, null) is { } entry)
            {
                // Released before leaving: a waiter counted in Users keeps the entry alive until it has its turn.
                entry.Gate.Release();
                _owner.Leave(_documentId, entry);
            }
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
