using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CollabEdit.Web.Storage;

/// <summary>
/// <c>synchronous</c>, <c>busy_timeout</c> and <c>foreign_keys</c> belong to a native SQLite connection, not
/// to the file. Pooled connections keep them, so they are set once per native connection, the first time EF
/// opens it (running them on every open cost a measurable share of a request).
/// </summary>
internal sealed class SqlitePragmaInterceptor(StorageOptions options) : DbConnectionInterceptor
{
    private static readonly object Configured = new();
    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];
    private readonly string _pragmas = PragmasFor(options);

    public static string PragmasFor(StorageOptions options) =>
        $"PRAGMA synchronous={(int)options.Synchronous}; PRAGMA busy_timeout={(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, Configured);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, Configured);
        }
    }

    private bool NeedsPragmas(DbConnection connection, out sqlite3 handle)
    {
        handle = ((SqliteConnection)connection).Handle!;
        return !_configured.TryGetValue(handle, out _);
    }
}
