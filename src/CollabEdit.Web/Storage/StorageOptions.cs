using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Storage;

/// <summary>Where the data lives and, for SQLite, how durably; bound from the <c>CollabEdit:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "CollabEdit:Storage";

    /// <summary>
    /// SQLite (the default: a file, nothing to install) or PostgreSQL (several app servers on one database; give
    /// <c>ConnectionStrings:CollabEdit</c>, e.g. <c>Host=127.0.0.1;Port=5432;Database=collabedit;Username=collabedit</c>).
    /// </summary>
    [EnumDataType(typeof(StorageProvider))]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// <c>PRAGMA synchronous</c>. FULL (the default) fsyncs the WAL at every commit, so an acknowledged
    /// save survives a power cut; NORMAL survives a process crash but may lose the newest commits on power loss.
    /// </summary>
    [EnumDataType(typeof(SqliteSynchronous))]
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a connection waits for another writer's lock before failing.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Memory for the texts of recently read and written versions (<see cref="RevisionTextCache"/>), in bytes of
    /// UTF-16; a save reads the text of the version it replaces from here to store only what changed. At least 1 MB.
    /// </summary>
    [Range(1L << 20, 1L << 40)]
    public long RevisionCacheBytes { get; set; } = 128L << 20;

    /// <summary>
    /// The most deltas a read applies after a snapshot: a version further along gets a snapshot of its own (with the
    /// rule that a chain's deltas may not cost more than its snapshot, see README, Where the data lives).
    /// </summary>
    [Range(1, 10_000)]
    public int MaxChainLength { get; set; } = 500;

    /// <summary>Repack old full revisions into snapshots and deltas in the background, in small batches (true by default).</summary>
    public bool Repack { get; set; } = true;

    /// <summary>How many versions one repack transaction re-encodes at most (short transactions never hold up saves for long).</summary>
    [Range(1, 10_000)]
    public int RepackBatchSize { get; set; } = 20;
}
