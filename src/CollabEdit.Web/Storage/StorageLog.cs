
namespace CollabEdit.Web.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Storage ready: SQLite file {DataSource}, WAL, synchronous={Synchronous}")]
    public static partial void Ready(ILogger logger, string dataSource, SqliteSynchronous synchronous);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Storage ready: PostgreSQL {DataSource}, database {Database}")]
    public static partial void ReadyOnPostgres(ILogger logger, string dataSource, string database);
}
