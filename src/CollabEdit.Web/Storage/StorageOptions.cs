using System.ComponentModel.DataAnnotations;

namespace CollabEdit.Web.Storage;

/// <summary>SQLite durability settings, bound from the <c>CollabEdit:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "CollabEdit:Storage";

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

public enum SqliteSynchronous
{
    Off = 0,
    Normal = 1,
    Full = 2,
    Extra = 3,
}
