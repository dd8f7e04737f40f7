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
}
